//// markdown
// # One resource's forecast
//
// The resource whose confident median forecast reaches a threshold soonest: its last 30 days, the model's
// forecast path with its p10-p90 band, the threshold and the crossing, drawn as on the capacity page. Then the
// fleet's crossings week by week, and the forecasts the night did not trust.
//// code
@SETUP@
//// code
Dataset<Row> forecast = night.require(CapacityForecastTable.NAME);
Dataset<Row> confident = forecast
    .filter(col(CapacityForecastTable.CONFIDENCE).equalTo(CapacityForecastTable.CONFIDENCE_HIGH)
        .and(col(CapacityForecastTable.CROSSING_AT).isNotNull()))
    .orderBy(col(CapacityForecastTable.CROSSING_AT), col(CapacityForecastTable.ENTITY), col(CapacityForecastTable.RESOURCE),
        col(CapacityForecastTable.THRESHOLD_PCT));
Display.table(confident.select(col(CapacityForecastTable.ENTITY), col(CapacityForecastTable.RESOURCE),
    col(CapacityForecastTable.THRESHOLD_PCT), round(col(CapacityForecastTable.CURRENT_UTILISATION_PCT), 1).as("now_pct"),
    date_format(col(CapacityForecastTable.CROSSING_AT), "yyyy-MM-dd HH:mm").as("crossing_p50"),
    date_format(col(CapacityForecastTable.FULL_AT), "yyyy-MM-dd HH:mm").as("full_p50"),
    col(CapacityForecastTable.SKILL)), 10);
Row r = confident.first();
//// markdown
// ## The soonest: history, forecast path and band
//// code
String entity = r.getAs(CapacityForecastTable.ENTITY);
String resource = r.getAs(CapacityForecastTable.RESOURCE);
double capacity = r.getAs(CapacityForecastTable.CAPACITY);
long origin = ((java.sql.Timestamp) r.getAs(CapacityForecastTable.FORECAST_ORIGIN)).getTime() / 1000;
List<io.nightshift.jobs.report.TimeChart.Point> history = new ArrayList<>();
for (Row h : night.input("metrics")
    .filter(col("entity").equalTo(entity).and(col("metric").equalTo(resource))
        .and(col("ts").geq(lit(new java.sql.Timestamp((origin - 30L * 86400) * 1000)))))
    .groupBy(date_trunc("hour", col("ts")).as("hour"))
    .agg(least(avg(col("value")).divide(capacity).multiply(100), lit(100.0)).as("pct"))
    .orderBy("hour").collectAsList()) {
  history.add(new io.nightshift.jobs.report.TimeChart.Point(((java.sql.Timestamp) h.getAs("hour")).getTime() / 1000, h.getDouble(1)));
}
List<io.nightshift.jobs.report.TimeChart.Point> p10 = new ArrayList<>(), p50 = new ArrayList<>(), p90 = new ArrayList<>();
List<Double> l10 = r.getList(r.fieldIndex(CapacityForecastTable.P10_PATH));
List<Double> l50 = r.getList(r.fieldIndex(CapacityForecastTable.P50_PATH));
List<Double> l90 = r.getList(r.fieldIndex(CapacityForecastTable.P90_PATH));
for (int i = 0; i < l50.size(); i++) {
  long t = origin + (i + 1) * 3600L;
  p10.add(new io.nightshift.jobs.report.TimeChart.Point(t, l10.get(i)));
  p50.add(new io.nightshift.jobs.report.TimeChart.Point(t, l50.get(i)));
  p90.add(new io.nightshift.jobs.report.TimeChart.Point(t, l90.get(i)));
}
Display.svg(new io.nightshift.jobs.report.TimeChart(resource + " on " + entity + ", % of capacity")
    .history(history).median(p50).band(p10, p90).yRange(0, 100)
    .threshold(((Number) r.getAs(CapacityForecastTable.THRESHOLD_PCT)).doubleValue())
    .crossing(((java.sql.Timestamp) r.getAs(CapacityForecastTable.CROSSING_AT)).toInstant())
    .render());
System.out.println(history.size() + " hourly points of history, " + p50.size() + " hours of forecast; " + r.getAs(CapacityForecastTable.SKILL));
//// markdown
// ## The fleet's crossings, week by week
// How many distinct resources the median forecast takes past a threshold each week, counting only forecasts the night trusts.
//// code
Display.table(confident
    .groupBy(date_trunc("week", col(CapacityForecastTable.CROSSING_AT)).as("week"))
    .agg(countDistinct(col(CapacityForecastTable.ENTITY), col(CapacityForecastTable.RESOURCE)).as("resources"),
        concat_ws(", ", array_sort(collect_set(concat_ws(" ", col(CapacityForecastTable.ENTITY), col(CapacityForecastTable.RESOURCE))))).as("which"))
    .withColumn("week", date_format(col("week"), "yyyy-MM-dd"))
    .orderBy("week"), 20);
//// markdown
// ## Forecasts the night did not trust
// Low-confidence forecasts are listed apart on the capacity page and never headlined; here is why.
//// code
Display.table(forecast.filter(col(CapacityForecastTable.CONFIDENCE).equalTo(CapacityForecastTable.CONFIDENCE_LOW))
    .select(col(CapacityForecastTable.ENTITY), col(CapacityForecastTable.RESOURCE), col(CapacityForecastTable.CONFIDENCE_NOTE))
    .distinct().orderBy(col(CapacityForecastTable.ENTITY), col(CapacityForecastTable.RESOURCE)), 20);
