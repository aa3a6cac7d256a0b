package io.nightshift.models.incidents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups the distinct title templates of one block (one service and category) into families of
 * near-duplicates, without comparing every pair: MinHash signatures of each template's token set,
 * locality-sensitive hashing into {@code bands} buckets of {@code rowsPerBand} hash values, exact
 * Jaccard similarity checked only for templates that share a bucket, and single-linkage union-find
 * over the pairs at or above the threshold. Templates with no meaningful token (empty sets) form
 * one family of their own.
 *
 * <p>With {@code b} bands of {@code r} rows, a pair of Jaccard similarity {@code s} becomes a
 * candidate with probability {@code 1 - (1 - s^r)^b}; the defaults (16 bands of 2) find a pair of
 * similarity 0.5 with probability 0.99 while keeping candidates of similarity 0.1 rare.
 */
public final class TemplateClusterer {
  private final double threshold;
  private final int bands;
  private final int rowsPerBand;

  /**
   * @param threshold least Jaccard similarity of two templates' token sets to join them, in (0, 1]
   * @param bands number of LSH bands, at least 1
   * @param rowsPerBand MinHash values per band, at least 1
   */
  public TemplateClusterer(double threshold, int bands, int rowsPerBand) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
    }
    if (bands < 1 || rowsPerBand < 1) {
      throw new IllegalArgumentException(
          "bands and rowsPerBand must be >= 1, were " + bands + ", " + rowsPerBand);
    }
    this.threshold = threshold;
    this.bands = bands;
    this.rowsPerBand = rowsPerBand;
  }

  /**
   * Clusters token sets.
   *
   * @return for each item, the smallest index of its cluster (so equal values mean same family)
   */
  public int[] cluster(List<Set<String>> tokenSets) {
    int n = tokenSets.size();
    UnionFind uf = new UnionFind(n);
    int firstEmpty = -1;
    List<Map<Long, Integer>> bandBuckets = new ArrayList<>(bands);
    for (int b = 0; b < bands; b++) {
      bandBuckets.add(new HashMap<>());
    }
    Map<Integer, List<Integer>> bucketMembers = new HashMap<>();
    int nextBucket = 0;
    for (int i = 0; i < n; i++) {
      Set<String> set = tokenSets.get(i);
      if (set.isEmpty()) {
        if (firstEmpty < 0) {
          firstEmpty = i;
        } else {
          uf.union(firstEmpty, i);
        }
        continue;
      }
      long[] sig = minHash(set);
      for (int b = 0; b < bands; b++) {
        long key = 0x9E3779B97F4A7C15L * (b + 1);
        for (int r = 0; r < rowsPerBand; r++) {
          key = mix(key ^ sig[b * rowsPerBand + r]);
        }
        Integer bucket = bandBuckets.get(b).get(key);
        if (bucket == null) {
          bucket = nextBucket++;
          bandBuckets.get(b).put(key, bucket);
          bucketMembers.put(bucket, new ArrayList<>(2));
        }
        List<Integer> members = bucketMembers.get(bucket);
        for (int j : members) {
          if (uf.find(i) != uf.find(j) && jaccard(set, tokenSets.get(j)) >= threshold) {
            uf.union(i, j);
          }
        }
        members.add(i);
      }
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = uf.smallest(i);
    }
    return out;
  }

  /** Jaccard similarity of two sets; 1 for two empty sets. */
  public static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1.0;
    }
    Set<String> small = a.size() <= b.size() ? a : b;
    Set<String> large = small == a ? b : a;
    int inter = 0;
    for (String t : small) {
      if (large.contains(t)) {
        inter++;
      }
    }
    return (double) inter / (a.size() + b.size() - inter);
  }

  private long[] minHash(Set<String> set) {
    long[] sig = new long[bands * rowsPerBand];
    java.util.Arrays.fill(sig, Long.MAX_VALUE);
    for (String t : set) {
      long base = stableHash(t);
      for (int k = 0; k < sig.length; k++) {
        long h = mix(base + 0x9E3779B97F4A7C15L * (k + 1));
        if (h < sig[k]) {
          sig[k] = h;
        }
      }
    }
    return sig;
  }

  /** A 64-bit FNV-1a hash of a string, stable across JVMs (unlike String.hashCode spreading). */
  static long stableHash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Union-find with path halving; remembers each component's smallest index. */
  private static final class UnionFind {
    private final int[] parent;
    private final int[] smallest;

    UnionFind(int n) {
      parent = new int[n];
      smallest = new int[n];
      for (int i = 0; i < n; i++) {
        parent[i] = i;
        smallest[i] = i;
      }
    }

    int find(int x) {
      while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
      }
      return x;
    }

    void union(int a, int b) {
      int ra = find(a);
      int rb = find(b);
      if (ra != rb) {
        parent[rb] = ra;
        smallest[ra] = Math.min(smallest[ra], smallest[rb]);
      }
    }

    int smallest(int x) {
      return smallest[find(x)];
    }
  }
}
