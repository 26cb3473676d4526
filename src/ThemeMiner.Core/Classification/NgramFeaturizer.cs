using System.Runtime.CompilerServices;

namespace ThemeMiner.Core.Classification;

/// <summary>A sparse feature vector: sorted indices and their values, L2-normalised.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public int Count => Indices.Length;
}

/// <summary>Feature settings; stored with the model.</summary>
public sealed record FeaturizerSettings
{
    /// <summary>Feature space: n-grams are hashed into 2^HashBits buckets.</summary>
    public int HashBits { get; init; } = 17;
    /// <summary>Include character 3-, 4- and 5-grams (word 1-2 grams are always used).</summary>
    public bool CharNgrams { get; init; } = true;
    /// <summary>A bucket must occur in at least this many training passages to carry weight.</summary>
    public int MinDocumentFrequency { get; init; } = 2;
}

/// <summary>
/// The shared text features of every theme head: TF-IDF over word 1-2 grams and character 3, 4 and 5 grams of
/// the lower-cased text, with sublinear term frequency, L2-normalised. N-grams are hashed (64-bit, computed on the
/// fly with no string allocation) into 2^17 buckets, so no vocabulary lookup is needed; IDF weights per bucket are
/// learned at training time (buckets seen in fewer than two training passages get none) and stored with the model.
/// The IDF table is immutable and counting buffers are per thread, so one instance serves every thread.
/// </summary>
public sealed class NgramFeaturizer
{
    private const ulong FnvOffset = 14695981039346656037UL, FnvPrime = 1099511628211UL;
    private const ulong WordSeed = 0x9E3779B97F4A7C15UL, BigramSeed = 0xC2B2AE3D27D4EB4FUL;
    private static readonly ulong[] CharSeeds = [0, 0, 0, 0x165667B19E3779F9UL, 0x27D4EB2F165667C5UL, 0x85EBCA77C2B2AE63UL];

    private readonly float[] _idf;
    private readonly int _mask;

    public FeaturizerSettings Settings { get; }
    public int Dimension => _idf.Length;
    public float[] Idf => _idf;

    public NgramFeaturizer(FeaturizerSettings settings, float[] idf)
    {
        if (idf.Length != 1 << settings.HashBits) throw new ArgumentException("the IDF table does not match the hash size");
        Settings = settings;
        _idf = idf;
        _mask = idf.Length - 1;
        _scratch = new ThreadLocal<Scratch>(() => new Scratch(idf.Length));
    }

    /// <summary>Learns IDF weights per bucket from training texts. Deterministic for the same texts.</summary>
    public static NgramFeaturizer Fit(IReadOnlyList<string> texts, FeaturizerSettings settings)
    {
        int size = 1 << settings.HashBits;
        var df = new int[size];
        var counter = new DocumentFrequency { Df = df, Seen = new HashSet<int>(), Mask = size - 1 };
        foreach (var text in texts)
        {
            counter.Seen.Clear();
            Visit(Normalise(text), settings.CharNgrams, ref counter);
        }
        var idf = new float[size];
        int n = texts.Count;
        for (int i = 0; i < size; i++)
            if (df[i] >= settings.MinDocumentFrequency) idf[i] = (float)(Math.Log((n + 1.0) / (df[i] + 1.0)) + 1.0);
        return new NgramFeaturizer(settings, idf);
    }

    private interface INgramSink
    {
        void Add(ulong key);
    }

    private struct DocumentFrequency : INgramSink
    {
        public int[] Df;
        public HashSet<int> Seen;
        public int Mask;

        public void Add(ulong key)
        {
            int i = (int)(key & (ulong)Mask);
            if (Seen.Add(i)) Df[i]++;
        }
    }

    /// <summary>Per-thread counting buffers: a dense count per feature and the list of features touched.</summary>
    private sealed class Scratch(int dimension)
    {
        public readonly int[] Counts = new int[dimension];
        public readonly List<int> Touched = new(4096);
        public int[] Indices = new int[4096];
        public float[] Values = new float[4096];
    }

    private struct Counter : INgramSink
    {
        public float[] Idf;
        public int Mask;
        public Scratch Scratch;

        public void Add(ulong key)
        {
            int i = (int)(key & (ulong)Mask);
            if (Idf[i] == 0) return;
            if (Scratch.Counts[i]++ == 0) Scratch.Touched.Add(i);
        }
    }

    private readonly ThreadLocal<Scratch> _scratch;
    private static readonly float[] SublinearTf = Enumerable.Range(0, 256).Select(c => c == 0 ? 0f : (float)(1.0 + Math.Log(c))).ToArray();

    /// <summary>The passage's feature vector. Indices are sorted when <paramref name="sorted"/> (ML.NET needs that); scoring does not.</summary>
    public SparseVector Transform(string text, bool sorted = true)
    {
        var scratch = _scratch.Value!;
        int n = Count(text, scratch);
        var indices = new int[n];
        var values = new float[n];
        Fill(scratch, indices, values);
        if (sorted) Array.Sort(indices, values);
        return new SparseVector(indices, values);
    }

    /// <summary>Scores a passage without allocating a vector: features go into per-thread buffers handed to <paramref name="use"/>.</summary>
    public TResult With<TResult>(string text, Func<ReadOnlySpan<int>, ReadOnlySpan<float>, TResult> use)
    {
        var scratch = _scratch.Value!;
        int n = Count(text, scratch);
        if (scratch.Indices.Length < n) { scratch.Indices = new int[n * 2]; scratch.Values = new float[n * 2]; }
        Fill(scratch, scratch.Indices.AsSpan(0, n), scratch.Values.AsSpan(0, n));
        return use(scratch.Indices.AsSpan(0, n), scratch.Values.AsSpan(0, n));
    }

    private int Count(string text, Scratch scratch)
    {
        var counter = new Counter { Idf = _idf, Mask = _mask, Scratch = scratch };
        Visit(Normalise(text), Settings.CharNgrams, ref counter);
        return scratch.Touched.Count;
    }

    /// <summary>Turns the counts into TF-IDF values, L2-normalised, and clears the counts for the next passage.</summary>
    private void Fill(Scratch scratch, Span<int> indices, Span<float> values)
    {
        var touched = scratch.Touched;
        double norm = 0;
        for (int k = 0; k < touched.Count; k++)
        {
            int i = touched[k], c = scratch.Counts[i];
            scratch.Counts[i] = 0;
            float v = (c < SublinearTf.Length ? SublinearTf[c] : (float)(1.0 + Math.Log(c))) * _idf[i];
            indices[k] = i;
            values[k] = v;
            norm += v * v;
        }
        touched.Clear();
        if (norm > 0)
        {
            float inv = (float)(1.0 / Math.Sqrt(norm));
            for (int j = 0; j < values.Length; j++) values[j] *= inv;
        }
    }

    /// <summary>Lower case; letters and digits kept, everything else one space; padded with a space at each end.</summary>
    internal static string Normalise(string text)
    {
        var buffer = new char[text.Length + 2];
        int n = 0;
        buffer[n++] = ' ';
        foreach (char ch in text)
        {
            if (char.IsLetterOrDigit(ch)) buffer[n++] = char.ToLowerInvariant(ch);
            else if (buffer[n - 1] != ' ') buffer[n++] = ' ';
        }
        if (buffer[n - 1] != ' ') buffer[n++] = ' ';
        return new string(buffer, 0, n);
    }

    /// <summary>Hands the sink the hash of every word unigram and bigram and (with <paramref name="chars"/>) every character 3, 4 and 5-gram.</summary>
    private static void Visit<TSink>(string s, bool chars, ref TSink sink) where TSink : struct, INgramSink
    {
        ulong previous = 0;
        bool havePrevious = false;
        int start = -1;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != ' ') { if (start < 0) start = i; continue; }
            if (start < 0) continue;
            ulong w = Hash(s, start, i - start, WordSeed);
            sink.Add(w);
            if (havePrevious) sink.Add(Mix(previous * FnvPrime ^ w, BigramSeed));
            previous = w;
            havePrevious = true;
            start = -1;
        }
        if (!chars) return;
        for (int i = 0; i + 3 <= s.Length; i++)
        {
            ulong h = FnvOffset;
            for (int len = 1; len <= 5 && i + len <= s.Length; len++)
            {
                h = (h ^ s[i + len - 1]) * FnvPrime;
                if (len >= 3) sink.Add(Mix(h, CharSeeds[len]));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(string s, int start, int length, ulong seed)
    {
        ulong h = FnvOffset;
        for (int i = start; i < start + length; i++) h = (h ^ s[i]) * FnvPrime;
        return Mix(h, seed);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong h, ulong seed)
    {
        h ^= seed;
        h ^= h >> 33; h *= 0xff51afd7ed558ccdUL; h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53UL; h ^= h >> 33;
        return h;
    }
}
