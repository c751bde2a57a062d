package io.licensesatellite.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Domain features know nothing of doors, HTTP or the admin feature; only their {@code api} packages do. */
@AnalyzeClasses(packages = "io.licensesatellite", importOptions = ImportOption.DoNotIncludeTests.class)
class FeatureDirectionTest {
    private static final String[] DOMAIN = {
        "io.licensesatellite.accounts", "io.licensesatellite.tokens", "io.licensesatellite.devices",
        "io.licensesatellite.pki", "io.licensesatellite.sync"
    };

    @ArchTest
    static final ArchRule domainIgnoresDoorsAndHttp = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.licensesatellite.protocol..", "io.licensesatellite.admin..", "jakarta.ws.rs..", "io.vertx..")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule doorsHoldNoEntities = noClasses().that().resideInAnyPackage("io.licensesatellite.protocol..")
            .should().dependOnClassesThat().areAnnotatedWith(jakarta.persistence.Entity.class);

    /** The upstream emulator shares nothing with the satellite but the sync file model: no tables, no CDI beans. */
    @ArchTest
    static final ArchRule upstreamEmulatorIsAnOutsider = noClasses().that().resideInAPackage("io.licensesatellite.upstream..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.licensesatellite.accounts..", "io.licensesatellite.tokens..", "io.licensesatellite.devices..",
                    "io.licensesatellite.pki..", "io.licensesatellite.admin..", "io.licensesatellite.protocol..",
                    "io.licensesatellite.platform..", "io.licensesatellite.agent..", "jakarta.persistence..",
                    "jakarta.enterprise..", "jakarta.inject..", "io.quarkus..")
            .orShould().dependOnClassesThat().resideInAPackage("io.licensesatellite.sync")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule simulatorIsAnOutsider = noClasses().that().resideInAnyPackage("io.licensesatellite.agent..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.licensesatellite.devices..", "io.licensesatellite.accounts..", "io.licensesatellite.tokens..",
                    "io.licensesatellite.admin..", "jakarta.persistence..", "jakarta.enterprise..");

    @ArchTest
    static final ArchRule theSatelliteNeverCallsTheEmulator = noClasses().that().resideOutsideOfPackage("io.licensesatellite.upstream..")
            .should().dependOnClassesThat().resideInAnyPackage("io.licensesatellite.upstream..");

    /** Access control is the admin feature's: the shared platform (caller scope, audit details) never reaches into it. */
    @ArchTest
    static final ArchRule platformKnowsNoAdmin = noClasses().that().resideInAnyPackage("io.licensesatellite.platform..")
            .should().dependOnClassesThat().resideInAnyPackage("io.licensesatellite.admin..");

    /** Sessions, API clients and passwords are read and changed through the admin services, never by the doors. */
    @ArchTest
    static final ArchRule onlyAdminTouchesAccessTables = noClasses().that().resideOutsideOfPackage("io.licensesatellite.admin..")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.licensesatellite.admin.AdminSession")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.licensesatellite.admin.ApiClient")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.licensesatellite.admin.PasswordHasher");
}
