package io.modelgate.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Reading rows: one row as a map of its columns, or the one value a query returns. */
public final class Rows {
    private Rows() {
    }

    /**
     * The first column of the first row of a query, as {@code type} (null when there is no row),
     * with the parameters bound in order; a failure is a {@link CatalogException} saying what failed.
     */
    public static <T> T single(DataSource dataSource, String what, Class<T> type, String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getObject(1, type) : null;
            }
        } catch (SQLException e) {
            throw new CatalogException(what + " failed: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> current(ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        ResultSetMetaData meta = rs.getMetaData();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            row.put(meta.getColumnLabel(c), rs.getObject(c));
        }
        return row;
    }
}
