package io.licensesatellite.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvCellTest {
    @Test
    void cellsASpreadsheetWouldTakeForFormulasAreDefused() {
        assertThat(AuditResource.csvCell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(AuditResource.csvCell("+1")).isEqualTo("'+1");
        assertThat(AuditResource.csvCell("-2+3")).isEqualTo("'-2+3");
        assertThat(AuditResource.csvCell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditResource.csvCell("\tx")).isEqualTo("'\tx");
    }

    @Test
    void quotingFollowsRfc4180() {
        assertThat(AuditResource.csvCell("plain")).isEqualTo("plain");
        assertThat(AuditResource.csvCell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditResource.csvCell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditResource.csvCell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(AuditResource.csvCell(null)).isEmpty();
    }
}
