//// markdown
// # The riskiest entities, and why
//
// The risk model's 24-hour incident probabilities for tonight, set against the fleet's usual level, with the
// factors behind each; then what happened to the riskiest entity in the window.
//// code
@SETUP@
//// code
Dataset<Row> risk = night.require(RiskScoresTable.NAME).filter(col(RiskScoresTable.HORIZON_HOURS).equalTo(24));
Dataset<Row> ranked = risk.orderBy(col(RiskScoresTable.PROBABILITY).desc(), col(RiskScoresTable.ENTITY));
Row usual = risk.agg(max(RiskScoresTable.BASE_RATE), count(lit(1))).first();
System.out.printf(Locale.ROOT, "the fleet's usual 24 h probability: %.4f, over %d entities%n", usual.getDouble(0), usual.getLong(1));
Display.table(ranked.select(col(RiskScoresTable.RANK), col(RiskScoresTable.ENTITY), col(RiskScoresTable.SERVICE),
    round(col(RiskScoresTable.PROBABILITY), 4).as(RiskScoresTable.PROBABILITY),
    round(col(RiskScoresTable.TIMES_USUAL), 2).as(RiskScoresTable.TIMES_USUAL), col(RiskScoresTable.STANDS_OUT),
    col(RiskScoresTable.FACTOR_1), col(RiskScoresTable.FACTOR_2)), 10);
//// markdown
// ## Does anything stand out?
// The same rule as the risk page: an entity stands out when it is well above the fleet's usual level (`stands_out`). When none does, the ranking is mostly noise and the page says so.
//// code
List<Row> standOut = ranked.filter(col(RiskScoresTable.STANDS_OUT)).select(RiskScoresTable.ENTITY, RiskScoresTable.TIMES_USUAL).collectAsList();
Display.markdown(standOut.isEmpty()
    ? "**Nothing stands out tonight** at 24 h."
    : "**" + standOut.size() + " entities stand out**: " + standOut.stream()
        .map(x -> String.format(Locale.ROOT, "%s (%.1fx the usual)", x.getString(0), x.getDouble(1))).reduce((x, y) -> x + ", " + y).orElse(""));
//// markdown
// ## The riskiest entity's window
// Its incidents and tonight's anomalies, newest first.
//// code
String top = ranked.first().getAs(RiskScoresTable.ENTITY);
System.out.println("riskiest: " + top);
Display.table(night.input("incidents").filter(col("entity").equalTo(top))
    .select(col("incident_id"), col("severity"), col("title"), date_format(col("opened_at"), "yyyy-MM-dd HH:mm").as("opened"),
        round(col("resolved_at").cast("long").minus(col("opened_at").cast("long")).divide(60), 0).as("minutes_to_restore"))
    .orderBy(col("opened").desc(), col("incident_id")), 10);
//// code
night.table(AnomaliesTable.NAME).ifPresent(a -> Display.table(a.filter(col(AnomaliesTable.ENTITY).equalTo(top))
    .select(col(AnomaliesTable.METRIC), date_format(col(AnomaliesTable.PEAK_TS), "yyyy-MM-dd HH:mm").as("peak"),
        round(col(AnomaliesTable.SCORE), 3).as("score"), col(AnomaliesTable.REASON))
    .orderBy(col("peak").desc(), col(AnomaliesTable.METRIC)), 10));
