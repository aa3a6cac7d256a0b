//// markdown
// # The riskiest entities, and why
//
// The risk model's 24-hour incident probabilities for tonight, set against the fleet's usual level, with the
// factors behind each; then what happened to the riskiest entity in the window.
//// code
@SETUP@
//// code
Dataset<Row> risk = night.require(RiskScoresTable.NAME).filter(col(RiskScoresTable.HORIZON_HOURS).equalTo(24));
double usual = risk.agg(avg(RiskScoresTable.PROBABILITY)).first().getDouble(0);
Dataset<Row> ranked = risk
    .withColumn("vs_usual", round(col(RiskScoresTable.PROBABILITY).divide(lit(usual)), 1))
    .orderBy(col(RiskScoresTable.PROBABILITY).desc(), col(RiskScoresTable.ENTITY));
System.out.printf(Locale.ROOT, "fleet average 24 h probability: %.4f over %d entities%n", usual, risk.count());
Display.table(ranked.select(col(RiskScoresTable.ENTITY), col(RiskScoresTable.SERVICE),
    round(col(RiskScoresTable.PROBABILITY), 4).as(RiskScoresTable.PROBABILITY), col("vs_usual"),
    col(RiskScoresTable.FACTOR_1), col(RiskScoresTable.FACTOR_2)), 10);
//// markdown
// ## Does anything stand out?
// An entity at 1.5 times the usual level or more is worth a look before the day starts; below that, the ranking is mostly noise.
//// code
List<Row> standOut = ranked.filter(col("vs_usual").geq(1.5)).select(RiskScoresTable.ENTITY, "vs_usual").collectAsList();
Display.markdown(standOut.isEmpty()
    ? "**Nothing stands out tonight**: no entity is at 1.5x the fleet's usual 24 h risk."
    : "**" + standOut.size() + " entities stand out**: " + standOut.stream()
        .map(r -> r.getString(0) + " (" + r.get(1) + "x)").reduce((a, b) -> a + ", " + b).orElse(""));
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
