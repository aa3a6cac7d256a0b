/**
 * HTML and CSV rendering of one night's outputs: a static report site per run date (Mustache
 * templates, inline SVG charts drawn by a small tested writer), and {@link
 * io.nightshift.jobs.report.NightOutputs} for notebooks that explore the same outputs.
 */
package io.nightshift.jobs.report;
