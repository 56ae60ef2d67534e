package io.modelgate.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The code pin's URL without its scheme, as the expression it replaces gave it. */
class ReportRowTest {
    @Test
    void theSchemeIsDroppedAsReplaceFirstDroppedIt() {
        for (String url : new String[] {"https://github.com/o/r", "http://github.com/o/r", "github.com/o/r",
                "HTTPS://github.com/o/r", "https:/github.com", "ftp://host/x", "https://", "http://https://x", ""}) {
            assertThat(ReportRow.withoutScheme(url)).as(url).isEqualTo(url.replaceFirst("^https?://", ""));
        }
    }
}
