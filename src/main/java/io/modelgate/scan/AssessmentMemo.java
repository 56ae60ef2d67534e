package io.modelgate.scan;

import io.modelgate.catalog.Transactions;
import io.modelgate.model.Assessment;
import io.modelgate.model.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what each scanned artifact came to once it is settled (written, its ticket opened or
 * closed, its report row added), in {@code artifact_assessments}: the next scan reports it from
 * here instead of assessing it again while nothing it depends on has changed ({@link ScanQueries}).
 * Written after the settling, in a transaction of its own: a crash or a failure before it only
 * means the next scan assesses the artifact again and finds it unchanged.
 */
public final class AssessmentMemo {
    private static final Logger LOG = LoggerFactory.getLogger(AssessmentMemo.class);

    private final DataSource dataSource;
    private final String fingerprint;

    /** @param fingerprint the rules the scan assesses under (see {@link io.modelgate.rules.RulesFingerprint}) */
    public AssessmentMemo(DataSource dataSource, String fingerprint) {
        this.dataSource = dataSource;
        this.fingerprint = fingerprint;
    }

    /** Remembers the settled artifacts of a scan batch; inbox files and unread rows are left out. */
    public void remember(List<Assessment> batch) {
        List<Assessment> scanned = new ArrayList<>(batch.size());
        for (Assessment a : batch) {
            if (a.fromDatabase() && a.rowVersion() != null && a.id() != null && a.channel() != null) {
                scanned.add(a);
            }
        }
        if (scanned.isEmpty()) {
            return;
        }
        int n = scanned.size();
        String[][] columns = new String[7][n];
        for (int i = 0; i < n; i++) {
            Assessment a = scanned.get(i);
            columns[0][i] = a.id();
            columns[1][i] = a.rowVersion();
            columns[2][i] = a.channel().label();
            columns[3][i] = Json.write(a.reasons());
            columns[4][i] = Json.write(a.errors());
            columns[5][i] = Json.write(a.referencesFound());
            columns[6][i] = a.runId();
        }
        try {
            Transactions.inTransaction(dataSource, connection -> {
                try (Statement settings = connection.createStatement();
                     PreparedStatement statement = connection.prepareStatement(ScanStatements.REMEMBER)) {
                    // a record lost to a crash of the server only means assessing again: no need to
                    // wait for the flush to disk, for this transaction only
                    settings.execute(ScanStatements.WITHOUT_WAITING_FOR_DISK);
                    statement.setString(1, fingerprint);
                    for (int c = 0; c < columns.length; c++) {
                        statement.setArray(c + 2, connection.createArrayOf("text", columns[c]));
                    }
                    return statement.executeUpdate();
                }
            });
        } catch (SQLException e) {
            // the artifacts are settled all the same; unremembered, they are only assessed again next time
            LOG.warn("the assessments of {} artifact(s) ({} ...) were not recorded, the next scan assesses them again: {}",
                    n, scanned.get(0).id(), e.getMessage());
        }
    }
}
