//// markdown
// # One night at a glance
//
// What the nightly job read and set aside, what it wrote, and how the services did week by week.
// Set `NIGHTSHIFT_OUT` to the output root of the night you want (default: the sample night in `out/`).
//// code
@SETUP@
//// markdown
// ## What was read, and what was set aside
// For every input, *read = accepted + quarantined*. Quarantined rows are in the `quarantine` table with their reason.
//// code
var inputs = night.manifest().path("inputs");
StringBuilder md = new StringBuilder("| input | partitions | read | accepted | quarantined | reasons |\n|---|---:|---:|---:|---:|---|\n");
for (var it = inputs.fieldNames(); it.hasNext(); ) {
  String name = it.next();
  var in = inputs.path(name);
  md.append(String.format(Locale.ROOT, "| %s | %d | %,d | %,d | %,d | %s |%n", name, in.path("partitions").asInt(),
      in.path("read").asLong(), in.path("accepted").asLong(), in.path("quarantined").asLong(),
      in.path("quarantined_by_reason").size() == 0 ? "" : in.path("quarantined_by_reason").toString()));
}
Display.markdown(md.toString());
//// markdown
// ## What the night wrote
// Rows per output table, from the manifest.
//// code
var outputs = night.manifest().path("outputs");
StringBuilder written = new StringBuilder("| table | rows |\n|---|---:|\n");
List<String> names = new ArrayList<>();
outputs.fieldNames().forEachRemaining(names::add);
Collections.sort(names);
for (String name : names) {
  written.append(String.format(Locale.ROOT, "| `%s` | %,d |%n", name, outputs.path(name).path("rows").asLong()));
}
Display.markdown(written.toString());
//// markdown
// ## The services, last full week
// Availability, MTTR and change success per service for the last week in the window, worst availability first.
//// code
Dataset<Row> kpis = night.require(KpisTable.NAME);
Object lastWeek = kpis.agg(max(KpisTable.WEEK_START)).first().get(0);
Display.table(kpis.filter(col(KpisTable.WEEK_START).equalTo(lit(lastWeek)))
    .select(col(KpisTable.SERVICE), col(KpisTable.INCIDENTS), round(col(KpisTable.MTTR_MEAN), 1).as("mttr_min"),
        round(col(KpisTable.AVAILABILITY), 5).as("availability"), round(col(KpisTable.CHANGE_SUCCESS_RATE), 3).as("change_success"))
    .orderBy(col("availability").asc_nulls_last(), col(KpisTable.SERVICE)), 20);
//// markdown
// ## Which services got worse?
// A next question: compare each service's last week with the week before. Positive `mttr_change_min` means slower restores.
//// code
var byService = Window.partitionBy(KpisTable.SERVICE).orderBy(KpisTable.WEEK_START);
Display.table(kpis
    .withColumn("prev_mttr", lag(KpisTable.MTTR_MEAN, 1).over(byService))
    .withColumn("prev_incidents", lag(KpisTable.INCIDENTS, 1).over(byService))
    .filter(col(KpisTable.WEEK_START).equalTo(lit(lastWeek)))
    .select(col(KpisTable.SERVICE), col("prev_incidents"), col(KpisTable.INCIDENTS),
        round(col(KpisTable.MTTR_MEAN).minus(col("prev_mttr")), 1).as("mttr_change_min"))
    .orderBy(col("mttr_change_min").desc_nulls_last(), col(KpisTable.SERVICE)), 20);
//// markdown
// The report site for this night is `reports/<date>/index.html` under the output root.
