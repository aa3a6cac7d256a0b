package io.nightshift.jobs.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's printable table: the header lines, then a row per stage for each night. */
final class BenchTable {
  private BenchTable() {}

  @SuppressWarnings("unchecked")
  static String of(Map<String, Object> r) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "scale %s%s: %s entities, %s days, %s cores; bare scan %.1f s (%,d rows); series scan"
                + " %.1f s = %.2fx scan; job %.1f s = %.2fx scan; peak driver heap %d MB%n",
            r.get("scale"),
            Boolean.TRUE.equals(r.get("warm")) ? " (warm night)" : "",
            r.get("entities"),
            r.get("days"),
            r.get("cores"),
            r.get("scan_seconds"),
            (Long) r.get("scan_rows"),
            r.get("series_scan_seconds"),
            r.get("series_scan_vs_scan"),
            r.get("job_seconds"),
            r.get("job_vs_scan"),
            ((Long) r.get("peak_driver_heap_bytes")) >> 20));
    b.append(
        String.format(
            Locale.ROOT,
            "during the job: JIT compilation %.1f s (compiler threads), Spark code generation %.1f s"
                + " (%d classes), garbage collection %.1f s%n",
            r.get("job_jit_compile_seconds"),
            r.get("job_codegen_compile_seconds"),
            (Long) r.get("job_codegen_classes"),
            r.get("job_gc_seconds")));
    b.append(
        String.format(
            Locale.ROOT,
            "%-20s %9s %8s %13s %11s %12s %10s %9s %5s%n",
            "stage",
            "seconds",
            "x scan",
            "rows in",
            "rows out",
            "rows/s/core",
            "shuffle MB",
            "spill MB",
            "jobs"));
    stageRows(b, (List<Map<String, Object>>) r.get("stages"));
    if (!r.containsKey("steady_job_seconds")) {
      return b.toString();
    }
    b.append(
        String.format(
            Locale.ROOT,
            "steady night %s (yesterday's state kept): %.1f s = %.2fx scan, %d Spark jobs (first"
                + " night %s: %d jobs), %d generated classes%n",
            r.get("steady_run_date"),
            r.get("steady_job_seconds"),
            r.get("steady_job_vs_scan"),
            (Long) r.get("steady_job_spark_jobs"),
            r.get("job_run_date"),
            (Long) r.get("job_spark_jobs"),
            (Long) r.get("steady_job_codegen_classes")));
    stageRows(b, (List<Map<String, Object>>) r.get("steady_stages"));
    return b.toString();
  }

  private static void stageRows(StringBuilder b, List<Map<String, Object>> stages) {
    for (Map<String, Object> s : stages) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-20s %9.1f %8.2f %,13d %,11d %,12d %10.1f %9.1f %5d%n",
              s.get("name"),
              (Double) s.get("seconds"),
              (Double) s.get("vs_scan"),
              (Long) s.get("rows_in"),
              (Long) s.get("rows_out"),
              (Long) s.get("rows_per_sec_per_core"),
              ((Long) s.get("shuffle_bytes")) / 1e6,
              ((Long) s.get("spill_bytes")) / 1e6,
              (Long) s.get("spark_jobs")));
    }
  }
}
