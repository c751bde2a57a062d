package io.licensesatellite.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsFileTest {
    @TempDir
    Path dir;

    @Test
    void theExampleOfInitIsValid() {
        Accounts example = AccountsFile.parse(AccountsFile.EXAMPLE, Path.of("accounts.yml"));

        assertThat(example.smartAccounts()).singleElement().satisfies(sa -> {
            assertThat(sa.name()).isEqualTo("Example Corp");
            assertThat(sa.virtualAccounts()).extracting(Accounts.VirtualAccount::name).containsExactly("Campus", "Data Centre");
            assertThat(sa.virtualAccounts().get(0).licenses().get(1).endDate()).isEqualTo(LocalDate.parse("2029-03-31"));
        });
    }

    @Test
    void whatIsSavedReadsBackTheSame() {
        Path file = dir.resolve("accounts.yml");

        AccountsFile.write(file, UpstreamFixtures.acme());

        assertThat(AccountsFile.read(file)).isEqualTo(UpstreamFixtures.acme());
    }

    @Test
    void everyFaultIsListedWithItsPath() throws Exception {
        Path file = dir.resolve("accounts.yml");
        Files.writeString(file, """
                smart_accounts:
                  - name: "ACME"
                    virtual_accounts:
                      - name: "Campus"
                        licenses:
                          - tag: "t1"
                            display_name: "T1"
                            quantity: -1
                            type: TERM
                          - tag: "t1"
                            display_name: "T1 again"
                            quantity: ten
                            type: SUBSCRIPTION
                            end_date: 2027-02-30
                            colour: blue
                """);

        assertThatThrownBy(() -> AccountsFile.read(file))
                .isInstanceOfSatisfying(EmulatorException.class, e -> assertThat(e.kind()).isEqualTo(EmulatorError.ACCOUNTS_INVALID))
                .hasMessageContaining("smart_accounts[0].virtual_accounts[0].licenses[1]: unknown key 'colour'")
                .hasMessageContaining("smart_accounts[0].virtual_accounts[0].licenses[1].quantity: must be a whole number, not 'ten'")
                .hasMessageContaining("licenses[1].type: must be PERPETUAL or TERM, not 'SUBSCRIPTION'")
                .hasMessageContaining("licenses[1].end_date: must be a date YYYY-MM-DD, not '2027-02-30'");
    }

    @Test
    void modelRulesAreCheckedOnceTheShapeIsRight() throws Exception {
        Path file = dir.resolve("accounts.yml");
        Files.writeString(file, """
                smart_accounts:
                  - name: "ACME"
                    virtual_accounts:
                      - name: "Campus"
                        licenses:
                          - { tag: "t1", display_name: "T1", quantity: -1, type: TERM }
                          - { tag: "t1", display_name: "T1", quantity: 1, type: PERPETUAL, end_date: "2027-01-01" }
                      - name: "Campus"
                        licenses: []
                """);

        assertThatThrownBy(() -> AccountsFile.read(file))
                .hasMessageContaining("licenses[0].quantity: must be 0 or more, not -1")
                .hasMessageContaining("licenses[0].end_date: required for a TERM licence")
                .hasMessageContaining("licenses[1].tag: 't1' appears twice in this Virtual Account")
                .hasMessageContaining("licenses[1].end_date: must be null for a PERPETUAL licence")
                .hasMessageContaining("virtual_accounts[1].name: 'Campus' appears twice in this Smart Account");
    }

    @Test
    void notYamlIsRefusedWithItsLine() throws Exception {
        Path file = dir.resolve("accounts.yml");
        Files.writeString(file, "smart_accounts:\n  - name: [unclosed\n");

        assertThatThrownBy(() -> AccountsFile.read(file)).hasMessageContaining("not valid YAML at line");
    }

    @Test
    void aMissingFileSaysHowToGetOne() {
        assertThatThrownBy(() -> AccountsFile.read(dir.resolve("accounts.yml"))).hasMessageContaining("run 'init'");
    }
}
