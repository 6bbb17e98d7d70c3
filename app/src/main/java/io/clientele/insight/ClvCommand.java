package io.clientele.insight;

import io.clientele.analytics.clv.BgNbdModel;
import io.clientele.analytics.clv.CustomerSummary;
import io.clientele.analytics.clv.GammaGammaModel;
import io.clientele.analytics.clv.GammaGammaParameters;
import io.clientele.analytics.clv.HoldoutActuals;
import io.clientele.analytics.clv.HoldoutValidation;
import io.clientele.analytics.clv.ModelFit;
import io.clientele.analytics.clv.ModelFitException;
import io.clientele.analytics.clv.ParetoNbdModel;
import io.clientele.analytics.clv.Period;
import io.clientele.analytics.clv.RepeatPurchaseData;
import io.clientele.analytics.clv.RepeatPurchaseModel;
import io.clientele.analytics.clv.TransactionSummaries;
import io.clientele.platform.csv.AnalystCsv;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./clientele clv fit}: fits a repeat-purchase model (and Gamma-Gamma when amounts are given) to any
 * transaction log or per-customer summary CSV, without a database. Progress on stderr; the JSON result as the last
 * line on stdout; bad input ends with one line on stderr and exit code 1.
 */
@Command(
        name = "clv",
        mixinStandardHelpOptions = true,
        description = "Customer lifetime value models for analysts: no database needed.",
        subcommands = {ClvCommand.Fit.class})
public final class ClvCommand implements Runnable {
    /** Exit code for bad input (a missing column, an unreadable value, data the models cannot fit). */
    public static final int EXIT_BAD_INPUT = 1;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(
            name = "fit",
            mixinStandardHelpOptions = true,
            description = "Fit BG/NBD or Pareto/NBD (and Gamma-Gamma) to a transaction log or a summary file.")
    static final class Fit implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--transactions", description = "CSV transaction log: one purchase per row.")
        @Nullable
        Path transactions;

        @Option(names = "--summary", description = "CSV with one row per customer: frequency, recency, T (periods).")
        @Nullable
        Path summary;

        @Option(names = "--customer-column", description = "Customer column of the transaction log.")
        @Nullable
        String customerColumn;

        @Option(names = "--date-column", description = "Date column of the transaction log.")
        @Nullable
        String dateColumn;

        @Option(names = "--amount-column", description = "Amount column; with it Gamma-Gamma is fitted too.")
        @Nullable
        String amountColumn;

        @Option(
                names = "--date-format",
                description = "Date pattern (java.time), e.g. dd/MM/yyyy; default ISO dates or date-times.")
        @Nullable
        String dateFormat;

        @Option(names = "--period", defaultValue = "day", description = "day or week (default: ${DEFAULT-VALUE}).")
        String period = "day";

        @Option(
                names = "--calibration-end",
                description = "Last day of calibration, yyyy-MM-dd; later purchases are the holdout.")
        @Nullable
        LocalDate calibrationEnd;

        @Option(
                names = "--model",
                defaultValue = "bgnbd",
                description = "bgnbd or paretonbd (default: ${DEFAULT-VALUE}).")
        String model = "bgnbd";

        @Option(names = "--frequency-column", defaultValue = "frequency", description = "Default: ${DEFAULT-VALUE}.")
        String frequencyColumn = "frequency";

        @Option(names = "--recency-column", defaultValue = "recency", description = "Default: ${DEFAULT-VALUE}.")
        String recencyColumn = "recency";

        @Option(names = "--t-column", defaultValue = "T", description = "Default: ${DEFAULT-VALUE}.")
        String ageColumn = "T";

        @Option(
                names = "--monetary-column",
                defaultValue = "monetary_value",
                description = "Used when present. Default: ${DEFAULT-VALUE}.")
        String monetaryColumn = "monetary_value";

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                Map<String, Object> result = fit(err);
                PrintWriter out = spec.commandLine().getOut();
                out.println(JsonMapper.builder().build().writeValueAsString(result));
                out.flush();
                return 0;
            } catch (InputException | AnalystCsv.BadFile | IllegalArgumentException | ArithmeticException e) {
                err.println("clientele clv fit: " + e.getMessage());
                err.flush();
                return EXIT_BAD_INPUT;
            }
        }

        private Map<String, Object> fit(PrintWriter err) {
            long started = System.nanoTime();
            if ((transactions == null) == (summary == null)) {
                throw new IllegalArgumentException("give either --transactions FILE or --summary FILE");
            }
            Period unit = switch (period.toLowerCase(Locale.ROOT)) {
                case "day" -> Period.DAY;
                case "week" -> Period.WEEK;
                default -> throw new IllegalArgumentException("--period must be day or week, not " + period);
            };
            if (!model.equals("bgnbd") && !model.equals("paretonbd")) {
                throw new IllegalArgumentException("--model must be bgnbd or paretonbd, not " + model);
            }
            List<CustomerSummary> customers;
            boolean amounts;
            @Nullable TransactionSummaries log = null;
            if (transactions != null) {
                log = readTransactions(transactions, unit, err);
                customers = log.customers();
                amounts = amountColumn != null;
            } else {
                SummaryFile file = readSummary(summary);
                customers = file.customers();
                amounts = file.hasMonetary();
            }
            err.printf("%,d customers, fitting %s%n", customers.size(), model);
            err.flush();

            RepeatPurchaseData data = RepeatPurchaseData.of(customers);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", model);
            out.put("period", unit.name().toLowerCase(Locale.ROOT));
            out.put("customers", data.customers());
            out.put("repeatBuyers", data.repeatBuyers());
            out.put("groups", data.groups());
            if (log != null) out.put("calibrationEnd", log.calibrationEnd().toString());
            RepeatPurchaseModel fitted;
            if (model.equals("bgnbd")) {
                ModelFit<io.clientele.analytics.clv.BgNbdParameters> fit = BgNbdModel.fit(data);
                var p = fit.parameters();
                out.put("parameters", ordered("r", p.r(), "alpha", p.alpha(), "a", p.a(), "b", p.b()));
                out.put("logLikelihood", fit.logLikelihood());
                out.put("iterations", fit.iterations());
                fitted = p;
            } else {
                ModelFit<io.clientele.analytics.clv.ParetoNbdParameters> fit = ParetoNbdModel.fit(data);
                var p = fit.parameters();
                out.put("parameters", ordered("r", p.r(), "alpha", p.alpha(), "s", p.s(), "beta", p.beta()));
                out.put("logLikelihood", fit.logLikelihood());
                out.put("iterations", fit.iterations());
                fitted = p;
            }
            if (amounts) {
                out.put("gammaGamma", gammaGamma(customers, err));
            }
            if (log != null && log.holdout() != null) {
                out.put("holdout", holdout(fitted, data, log));
            } else if (calibrationEnd != null) {
                err.println("no purchases after the calibration end: no holdout figures");
            }
            out.put("seconds", Math.round((System.nanoTime() - started) / 1e6) / 1e3);
            return out;
        }

        private static Map<String, Object> gammaGamma(List<CustomerSummary> customers, PrintWriter err) {
            List<CustomerSummary> spenders = new ArrayList<>();
            int notPositive = 0;
            for (CustomerSummary c : customers) {
                if (c.frequency() == 0) continue;
                if (c.monetaryValue() > 0) spenders.add(c);
                else notPositive++;
            }
            if (notPositive > 0) {
                err.printf("Gamma-Gamma: %,d repeat buyers with a mean spend of 0 or less left out%n", notPositive);
            }
            ModelFit<GammaGammaParameters> fit = GammaGammaModel.fit(spenders);
            GammaGammaParameters p = fit.parameters();
            Map<String, Object> gg = ordered("p", p.p(), "q", p.q(), "gamma", p.gamma());
            gg.put("logLikelihood", fit.logLikelihood());
            gg.put("customers", fit.customers());
            if (p.q() > 1) gg.put("populationMeanSpend", p.populationMeanSpend());
            return gg;
        }

        private static Map<String, Object> holdout(
                RepeatPurchaseModel fitted, RepeatPurchaseData data, TransactionSummaries log) {
            HoldoutActuals actuals = log.holdout();
            HoldoutValidation.Report report = HoldoutValidation.validate(fitted, data, actuals);
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("observationEnd", String.valueOf(log.observationEnd()));
            h.put("periods", report.holdoutPeriods());
            List<Map<String, Object>> groups = new ArrayList<>();
            for (HoldoutValidation.FrequencyGroup g : report.byFrequency()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("frequency", g.frequency());
                row.put("customers", g.customers());
                row.put("predicted", finite(g.predictedMean()));
                row.put("actual", finite(g.actualMean()));
                groups.add(row);
            }
            h.put("byFrequency", groups);
            List<Map<String, Object>> curve = new ArrayList<>();
            for (HoldoutValidation.CumulativePoint point : report.cumulative()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("period", point.period());
                row.put("predicted", finite(point.predicted()));
                row.put("actual", point.actual());
                curve.add(row);
            }
            h.put("cumulative", curve);
            HoldoutValidation.Errors e = report.errors();
            Map<String, Object> errors = new LinkedHashMap<>();
            errors.put("mae", finite(e.meanAbsoluteError()));
            errors.put("rmse", finite(e.rootMeanSquareError()));
            errors.put("predictedTotal", finite(e.predictedTotal()));
            errors.put("actualTotal", e.actualTotal());
            errors.put("relativeErrorOfTotal", finite(e.relativeErrorOfTotal()));
            errors.put("groupMape", finite(e.groupMeanAbsolutePercentageError()));
            h.put("errors", errors);
            return h;
        }

        private static Map<String, Object> ordered(Object... keysAndValues) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                map.put((String) keysAndValues[i], finite((Double) keysAndValues[i + 1]));
            }
            return map;
        }

        /** JSON has no NaN or infinity: such a figure is written as null. */
        private static @Nullable Double finite(double value) {
            return Double.isFinite(value) ? value : null;
        }

        private TransactionSummaries readTransactions(Path file, Period unit, PrintWriter err) {
            if (customerColumn == null || dateColumn == null) {
                throw new IllegalArgumentException("--transactions needs --customer-column and --date-column");
            }
            DateTimeFormatter format;
            try {
                format = dateFormat == null ? null : DateTimeFormatter.ofPattern(dateFormat, Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--date-format " + dateFormat + " is not a date pattern: " + e.getMessage());
            }
            List<Row> rows = new ArrayList<>();
            LocalDate last = null;
            int anonymous = 0;
            try (AnalystCsv csv = AnalystCsv.open(file)) {
                int customer = csv.column(customerColumn);
                int date = csv.column(dateColumn);
                int amount = amountColumn == null ? -1 : csv.column(amountColumn);
                for (List<String> fields = csv.next(); fields != null; fields = csv.next()) {
                    long line = csv.lineNumber();
                    String key = fields.get(customer).trim();
                    if (key.isEmpty()) {
                        anonymous++;
                        continue;
                    }
                    LocalDate day = parseDate(fields.get(date), format, line);
                    double value = amount < 0 ? 0 : parseNumber(fields.get(amount), amountColumn, line);
                    rows.add(new Row(key, day, value));
                    if (last == null || day.isAfter(last)) last = day;
                }
            }
            if (anonymous > 0) err.printf("%,d rows without a customer left out%n", anonymous);
            if (rows.isEmpty()) {
                throw new ModelFitException(file + " has no transactions with a customer");
            }
            TransactionSummaries.Builder builder = TransactionSummaries.builder(unit);
            if (calibrationEnd != null) {
                builder.calibrationEnd(calibrationEnd);
                if (last.isAfter(calibrationEnd)) builder.observationEnd(last);
            }
            for (Row row : rows) builder.add(row.customer(), row.date(), row.amount());
            TransactionSummaries summaries = builder.build();
            err.printf(
                    "%,d transactions of %,d customers read%s%n",
                    rows.size(),
                    summaries.customers().size() + summaries.customersAfterCalibration(),
                    summaries.customersAfterCalibration() == 0
                            ? ""
                            : "; " + summaries.customersAfterCalibration() + " first bought after the calibration end");
            return summaries;
        }

        private record Row(String customer, LocalDate date, double amount) {}

        private record SummaryFile(List<CustomerSummary> customers, boolean hasMonetary) {}

        private SummaryFile readSummary(Path file) {
            List<CustomerSummary> customers = new ArrayList<>();
            boolean hasMonetary;
            try (AnalystCsv csv = AnalystCsv.open(file)) {
                int frequency = csv.column(frequencyColumn);
                int recency = csv.column(recencyColumn);
                int age = csv.column(ageColumn);
                int monetary = csv.header().indexOf(monetaryColumn);
                hasMonetary = monetary >= 0;
                for (List<String> fields = csv.next(); fields != null; fields = csv.next()) {
                    long line = csv.lineNumber();
                    double x = parseNumber(fields.get(frequency), frequencyColumn, line);
                    if (x != Math.rint(x) || x < 0) {
                        throw new InputException("line " + line + ": " + frequencyColumn + " must be a"
                                + " whole number >= 0, not " + fields.get(frequency));
                    }
                    customers.add(new CustomerSummary(
                            "line " + line,
                            (int) x,
                            parseNumber(fields.get(recency), recencyColumn, line),
                            parseNumber(fields.get(age), ageColumn, line),
                            hasMonetary ? parseNumber(fields.get(monetary), monetaryColumn, line) : 0));
                }
            }
            return new SummaryFile(customers, hasMonetary);
        }

        private LocalDate parseDate(String text, @Nullable DateTimeFormatter format, long line) {
            String value = text.trim();
            try {
                if (format != null) return LocalDate.parse(value, format);
                // ISO dates, and the date part of ISO date-times (2026-03-31T14:05:00Z, 2026-03-31 14:05)
                if (value.length() > 10 && (value.charAt(10) == 'T' || value.charAt(10) == ' ')) {
                    value = value.substring(0, 10);
                }
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new InputException("line " + line + ": cannot read the date '" + text + "' in column "
                        + dateColumn
                        + (dateFormat == null ? " (expected yyyy-MM-dd; see --date-format)" : " as " + dateFormat));
            }
        }

        private static double parseNumber(String text, String column, long line) {
            try {
                double value = Double.parseDouble(text.trim());
                if (Double.isFinite(value)) return value;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InputException("line " + line + ": cannot read the number '" + text + "' in column " + column);
        }
    }

    /** Bad input, said in one line that names the line, column or value. */
    static final class InputException extends RuntimeException {
        InputException(String message) {
            super(message);
        }
    }
}
