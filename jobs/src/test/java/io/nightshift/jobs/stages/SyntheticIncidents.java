package io.nightshift.jobs.stages;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Synthetic incidents with known families, for tests and the scale measurement: each service has a
 * few recurring problems whose titles are one base title with the variation real tickets show
 * (hosts, numbers, dates, an extra or a missing word, case), some incidents without a title (then
 * symptom codes in root_cause), and one-off incidents with unrelated titles. Incident i is a pure
 * function of (seed, i), so a million are generated in parallel by Spark without a driver list.
 * Each recurring problem has a planted precursor metric whose anomaly starts 1-5 h before 90% of
 * its incidents.
 */
final class SyntheticIncidents implements Serializable {
  private static final long serialVersionUID = 1L;

  /** category, base title, symptom code, precursor metric. */
  static final String[][] PROBLEMS = {
    {"disk", "Disk /var full on {host}", "DISK_FULL", "disk_used_pct"},
    {"disk", "Disk IO latency high on {host} ({n} ms)", "DISK_IO", "disk_io_wait"},
    {"disk", "Inode exhaustion on /data of {host}", "INODES", "inode_used_pct"},
    {"database", "Replication lag {n} seconds on replica {host}", "REPL_LAG", "repl_lag_s"},
    {"database", "Connection pool exhausted in {svc} order worker", "POOL", "conn_used"},
    {"database", "Deadlock storm detected on {host} ({n} deadlocks)", "DEADLOCK", "lock_waits"},
    {"memory", "OOM killed java process on {host}", "OOM", "mem_used_pct"},
    {"memory", "Memory usage above {n}% on cache {host}", "MEM_HIGH", "cache_evictions"},
    {"network", "Packet loss {n}% between {host} and core switch", "PKT_LOSS", "net_errors"},
    {"network", "DNS resolution failures for {svc} upstream", "DNS", "dns_timeouts"},
    {"application", "HTTP 5xx error rate {n}% on {svc} frontend", "HTTP_5XX", "error_rate"},
    {"application", "Login failures in {svc}: {n}% of requests rejected", "LOGIN", "auth_errors"},
    {"application", "TLS certificate expires in {n} days on {host}", "CERT", "cert_days_left"},
    {"application", "Message queue consumer lag {n} messages in {svc}", "MQ_LAG", "queue_depth"}
  };

  private static final String[] NOISE = {
    "again",
    "urgent",
    "prod",
    "alert",
    "critical",
    "recurring",
    "still",
    "investigating",
    "intermittent",
    "severe",
    "customer",
    "reported"
  };
  private static final String[] SEVERITIES = {"SEV1", "SEV2", "SEV3", "SEV4"};

  final int services;
  final int problemsPerService;
  final double oneOffShare;
  final double noTitleShare;
  final long start;
  final int days;
  final long seed;

  SyntheticIncidents(
      int services,
      int problemsPerService,
      double oneOffShare,
      double noTitleShare,
      Instant start,
      int days,
      long seed) {
    this.services = services;
    this.problemsPerService = problemsPerService;
    this.oneOffShare = oneOffShare;
    this.noTitleShare = noTitleShare;
    this.start = start.getEpochSecond();
    this.days = days;
    this.seed = seed;
  }

  private SplittableRandom rng(long i) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
  }

  /** The service of incident i. */
  String service(long i) {
    return "svc" + rng(i).nextInt(services);
  }

  /** Truth: the family of incident i ("one-off/i" for one-offs). */
  String truthFamily(long i) {
    SplittableRandom r = rng(i);
    int s = r.nextInt(services);
    if (r.nextDouble() < oneOffShare) {
      return "one-off/" + i;
    }
    return "svc" + s + "/" + problem(s, r.nextInt(problemsPerService));
  }

  /** The bank index of a service's p-th problem. */
  int problem(int service, int p) {
    return (service * 5 + p * 3) % PROBLEMS.length;
  }

  /** Incident i in the canonical incidents schema (without dt). */
  Row incident(long i) {
    SplittableRandom r = rng(i);
    int s = r.nextInt(services);
    boolean oneOff = r.nextDouble() < oneOffShare;
    int b = oneOff ? -1 : problem(s, r.nextInt(problemsPerService));
    String svc = "svc" + s;
    String host = svc + "-node-" + String.format("%02d", r.nextInt(12));
    long opened = start + (long) (r.nextDouble() * days * 86400L);
    String severity = SEVERITIES[oneOff ? r.nextInt(4) : (b % 4 + r.nextInt(2)) % 4];
    Long detected = r.nextDouble() < 0.9 ? opened + r.nextInt(1800) : null;
    long ttr = 600 + (long) (-Math.log(1 - r.nextDouble()) * 3600 * (1 + b % 3));
    Long resolved = opened + ttr < start + days * 86400L ? opened + ttr : null;
    String category;
    String title;
    String rootCause;
    if (oneOff) {
      category = PROBLEMS[r.nextInt(PROBLEMS.length)][0];
      title = "Unexpected " + word(r) + " " + word(r) + " failure in " + word(r) + " on " + host;
      rootCause = null;
    } else {
      category = PROBLEMS[b][0];
      rootCause = PROBLEMS[b][2];
      title = r.nextDouble() < noTitleShare ? null : vary(PROBLEMS[b][1], svc, host, r);
    }
    return RowFactory.create(
        "INC" + i,
        svc,
        host,
        severity,
        category,
        title,
        new Timestamp(opened * 1000),
        detected == null ? null : new Timestamp(detected * 1000),
        resolved == null ? null : new Timestamp(resolved * 1000),
        rootCause,
        null,
        null,
        null,
        null);
  }

  /** The planted precursor anomalies of incident i (service, metric, start) and some noise. */
  List<Object[]> anomalies(long i) {
    List<Object[]> out = new ArrayList<>();
    Row inc = incident(i);
    SplittableRandom r = rng(i ^ 0x5DEECE66DL);
    String b = truthFamily(i);
    long opened = ((Timestamp) inc.get(6)).getTime() / 1000;
    if (!b.startsWith("one-off") && r.nextDouble() < 0.9) {
      int p = Integer.parseInt(b.substring(b.indexOf('/') + 1));
      out.add(new Object[] {inc.getString(1), PROBLEMS[p][3], opened - 3600 - r.nextInt(4 * 3600)});
    }
    for (int k = 0; k < 3; k++) {
      String metric = PROBLEMS[r.nextInt(PROBLEMS.length)][3];
      out.add(
          new Object[] {inc.getString(1), metric, start + (long) (r.nextDouble() * days * 86400L)});
    }
    return out;
  }

  private static String vary(String base, String svc, String host, SplittableRandom r) {
    List<String> words =
        new ArrayList<>(
            List.of(
                base.replace("{svc}", svc)
                    .replace("{host}", host)
                    .replace("{n}", String.valueOf(r.nextInt(1, 500)))
                    .split(" ")));
    if (r.nextDouble() < 0.3) {
      words.add(r.nextInt(words.size() + 1), NOISE[r.nextInt(NOISE.length)]);
    }
    if (r.nextDouble() < 0.15 && words.size() > 3) {
      words.remove(1 + r.nextInt(words.size() - 1));
    }
    if (r.nextDouble() < 0.2) {
      words.add("at " + Instant.ofEpochSecond(1700000000L + r.nextInt(1 << 26)));
    }
    String t = String.join(" ", words);
    return r.nextDouble() < 0.3 ? t.toLowerCase(java.util.Locale.ROOT) : t;
  }

  private static String word(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int n = 4 + r.nextInt(5);
    for (int k = 0; k < n; k++) {
      sb.append((char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }
}
