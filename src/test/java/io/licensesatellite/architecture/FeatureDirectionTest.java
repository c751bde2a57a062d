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

    /** Pulling usage is domain: the HTTP client is a door behind {@code DeviceUsageChannel}. */
    @ArchTest
    static final ArchRule usagePullIgnoresDoorsAndHttp = noClasses().that().resideInAPackage("io.licensesatellite.usage.pull")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.licensesatellite.protocol..", "io.licensesatellite.admin..", "jakarta.ws.rs..", "io.vertx..");

    @ArchTest
    static final ArchRule devicePullDoorHoldsNoEntities = noClasses().that().resideInAPackage("io.licensesatellite.protocol.devicepull..")
            .should().dependOnClassesThat().areAnnotatedWith(jakarta.persistence.Entity.class)
            .orShould().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "io.quarkus.hibernate..");

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

    /** Usage (Smart Licensing Using Policy) is a domain feature: its doors and admin API call it, never the reverse. */
    @ArchTest
    static final ArchRule usageIgnoresDoorsAndHttp = noClasses().that().resideInAPackage("io.licensesatellite.usage")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.licensesatellite.protocol..", "io.licensesatellite.admin..", "jakarta.ws.rs..", "io.vertx..",
                    "io.licensesatellite.platform.api..");

    /** The push door and the device-file formats parse and render; usage's entities stay behind its services. */
    @ArchTest
    static final ArchRule csluDoorHoldsNoEntities = noClasses().that().resideInAPackage("io.licensesatellite.protocol.cslu..")
            .should().dependOnClassesThat().areAnnotatedWith(jakarta.persistence.Entity.class)
            .allowEmptyShould(true);

    /** The simulated policy device knows the satellite only over the wire, like the classic one. */
    @ArchTest
    static final ArchRule policySimulatorIsAnOutsider = noClasses().that().resideInAPackage("io.licensesatellite.agent.slp..")
            .should().dependOnClassesThat().resideInAnyPackage("io.licensesatellite.usage..", "io.licensesatellite.protocol..",
                    "io.licensesatellite.platform..", "jakarta.persistence..", "jakarta.enterprise..")
            .allowEmptyShould(true);

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
