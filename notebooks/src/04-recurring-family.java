//// markdown
// # The recurring incident to fix first
//
// The family of incidents with the most impact: its members, the hosts and root causes behind them, what
// preceded them, and the changes made shortly before each.
//// code
@SETUP@
//// code
Dataset<Row> families = night.require(RecurringIncidentsTable.NAME).orderBy(col(RecurringIncidentsTable.RANK));
Display.table(families.select(col(RecurringIncidentsTable.RANK), col(RecurringIncidentsTable.LABEL),
    col(RecurringIncidentsTable.INCIDENT_COUNT), round(col(RecurringIncidentsTable.IMPACT), 0).as("impact"),
    col(RecurringIncidentsTable.COUNT_FIRST_HALF), col(RecurringIncidentsTable.COUNT_SECOND_HALF),
    round(col(RecurringIncidentsTable.MTTR_MEAN), 0).as("mttr_min")), 10);
Row first = families.first();
String family = first.getAs(RecurringIncidentsTable.FAMILY_ID);
System.out.println("family to fix first: " + first.getAs(RecurringIncidentsTable.LABEL));
//// markdown
// ## Its incidents
//// code
Dataset<Row> members = night.require(IncidentFamiliesTable.NAME)
    .filter(col(IncidentFamiliesTable.FAMILY_ID).equalTo(family))
    .join(night.input("incidents"), IncidentFamiliesTable.INCIDENT_ID);
Display.table(members.select(col("incident_id"), col("entity"), col("severity"),
        date_format(col("opened_at"), "yyyy-MM-dd HH:mm").as("opened"), col("root_cause"))
    .orderBy(col("opened"), col("incident_id")), 20);
//// markdown
// ## Hosts and root causes, with their share
//// code
long n = members.count();
Display.table(members.groupBy(coalesce(col("root_cause"), lit("(none recorded)")).as("root_cause"))
    .agg(count(lit(1)).as("incidents"), concat_ws(", ", array_sort(collect_set("entity"))).as("hosts"))
    .withColumn("share", round(col("incidents").divide(n), 2))
    .orderBy(col("incidents").desc(), col("root_cause")), 10);
//// markdown
// ## What preceded it
//// code
Display.table(families.filter(col(RecurringIncidentsTable.FAMILY_ID).equalTo(family))
    .select(explode(col(RecurringIncidentsTable.PRECURSORS)).as("p")).select("p.*"), 10);
//// markdown
// ## Changes in the 24 hours before each incident
// A next question for the problem manager: were these incidents preceded by changes on the same service?
//// code
Dataset<Row> changes = night.input("changes");
Display.table(members.as("i").join(changes.as("c"), col("c.service").equalTo(col("i.service"))
        .and(col("c.ts").between(col("i.opened_at").minus(expr("INTERVAL 24 HOURS")), col("i.opened_at"))))
    .select(col("i.incident_id"), col("c.change_id"), col("c.status"),
        date_format(col("c.ts"), "yyyy-MM-dd HH:mm").as("changed"))
    .orderBy(col("i.incident_id"), col("changed"), col("c.change_id")), 20);
