package io.licensesatellite.agent;

import io.licensesatellite.agent.AgentState.Usage;
import io.licensesatellite.agent.SmartAgent.LicenseState;
import io.licensesatellite.agent.SmartAgent.NextAction;
import io.licensesatellite.agent.SmartAgent.RegistrationState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A device's {@code show license status}, laid out like IOS XE's classic output (protocol-facts D1 [S11][S25])
 * with the usage table of {@code show license summary}, so operators recognise what they see.
 */
final class ShowLicenseStatus {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss yyyy 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private ShowLicenseStatus() {}

    static String render(AgentState s, RegistrationState registration, LicenseState license, Duration evaluationRemaining,
                         NextAction next, Instant nextAuthorizationAttempt, Instant now) {
        StringBuilder out = new StringBuilder();
        out.append("Smart Licensing is ENABLED\n\n");
        out.append("Transport:\n  Type: ").append(s.transport == null ? "Callhome" : s.transport).append("\n\n");

        out.append("Registration:\n");
        switch (registration) {
            case UNREGISTERED -> {
                line(out, "Status", s.lastRegistrationFailure == null ? "UNREGISTERED" : "UNREGISTERED - REGISTRATION FAILED");
                line(out, "Export-Controlled Functionality", "NOT ALLOWED");
                if (s.lastRegistrationAttempt != null) {
                    line(out, "Initial Registration", attempt(s.lastRegistrationFailure == null, s.lastRegistrationAttempt));
                    failureReason(out, s.lastRegistrationFailure);
                }
            }
            case REGISTERING -> {
                line(out, "Status", "REGISTERING - REGISTRATION IN PROGRESS");
                line(out, "Export-Controlled Functionality", "NOT ALLOWED");
                if (s.lastRegistrationAttempt != null) {
                    line(out, "Initial Registration", attempt(false, s.lastRegistrationAttempt));
                    failureReason(out, s.lastRegistrationFailure);
                }
                if (next.kind() == NextAction.Kind.REGISTER) {
                    line(out, "Next Registration Attempt", date(next.at()));
                }
            }
            case REGISTERED, REGISTRATION_EXPIRED -> {
                line(out, "Status", registration == RegistrationState.REGISTERED ? "REGISTERED" : "REGISTRATION EXPIRED");
                line(out, "Smart Account", s.smartAccount);
                line(out, "Virtual Account", s.virtualAccount);
                line(out, "Export-Controlled Functionality", s.exportControlledAllowed ? "ALLOWED" : "NOT ALLOWED");
                line(out, "Initial Registration", "SUCCEEDED on " + date(s.initialRegistration));
                line(out, "Last Renewal Attempt", s.lastIdRenewalAttempt == null ? "None"
                        : attempt(s.lastIdRenewalFailure == null, s.lastIdRenewalAttempt));
                failureReason(out, s.lastIdRenewalFailure);
                if (registration == RegistrationState.REGISTERED) {
                    line(out, "Next Renewal Attempt", date(s.lastIdRenewalFailure == null ? s.renewIdAfter
                            : max(s.renewIdAfter, s.lastIdRenewalAttempt.plus(AgentTimers.ID_CERTIFICATE_RETRY))));
                }
                line(out, "Registration Expires", date(s.registrationExpires));
            }
        }
        out.append('\n');

        out.append("License Authorization:\n");
        switch (license) {
            case EVALUATION -> {
                line(out, "Status", "EVALUATION MODE");
                line(out, "Evaluation Period Remaining", duration(evaluationRemaining));
            }
            case EVALUATION_EXPIRED -> {
                line(out, "Status", "EVALUATION EXPIRED");
                line(out, "Evaluation Period Remaining", duration(Duration.ZERO));
            }
            case REGISTERED -> line(out, "Status", s.entitlements.isEmpty() ? "NO LICENSES IN USE" : "NOT AUTHORIZED");
            case AUTHORIZED -> line(out, "Status", "AUTHORIZED on " + date(s.authorizedAt));
            case OUT_OF_COMPLIANCE -> line(out, "Status", "OUT OF COMPLIANCE on " + date(s.outOfComplianceSince));
            case AUTHORIZATION_EXPIRED -> line(out, "Status", "AUTHORIZATION EXPIRED on " + date(s.authorizationExpires));
        }
        if (registration == RegistrationState.REGISTERED) {
            line(out, "Last Communication Attempt", s.lastCommunicationAttempt == null ? "None"
                    : attempt(s.lastCommunicationSucceeded, s.lastCommunicationAttempt));
            failureReason(out, s.lastCommunicationSucceeded ? s.lastAuthorizationFailure : s.lastCommunicationFailure);
            line(out, "Next Communication Attempt", nextAuthorizationAttempt == null ? "None" : date(max(nextAuthorizationAttempt, now)));
            line(out, "Communication Deadline", s.authorizationExpires == null ? "None" : date(s.authorizationExpires));
        }
        out.append('\n');

        out.append("License Usage:\n");
        if (s.entitlements.isEmpty()) {
            out.append("  No licenses in use\n");
        } else {
            out.append(String.format("  %-32s %-48s %5s %s%n", "License", "Entitlement Tag", "Count", "Status"));
            out.append(String.format("  %-32s %-48s %5s %s%n", "-".repeat(32), "-".repeat(48), "-".repeat(5), "-".repeat(21)));
            for (Usage usage : s.entitlements) {
                out.append(String.format("  %-32s %-48s %5d %s%n", licenseName(usage.tag()), usage.tag(), usage.count(),
                        usageStatus(license, usage)));
            }
        }
        out.append('\n');

        out.append("Product Information:\n");
        out.append("  UDI: PID:").append(s.pid).append(",SN:").append(s.serialNumber)
                .append(s.uuid == null ? "" : ",UUID:" + s.uuid).append('\n');
        if (s.productInstanceId != null) {
            line(out, "Product Instance", s.productInstanceId);
        }
        return out.toString();
    }

    private static String usageStatus(LicenseState license, Usage usage) {
        return switch (license) {
            case EVALUATION -> "EVAL MODE";
            case EVALUATION_EXPIRED -> "EVAL EXPIRED";
            case REGISTERED -> "NOT AUTHORIZED";
            case AUTHORIZATION_EXPIRED -> "AUTHORIZATION EXPIRED";
            case AUTHORIZED, OUT_OF_COMPLIANCE -> usage.status() == null ? "NOT AUTHORIZED" : usage.status().replace('_', ' ');
        };
    }

    /** The readable part of a regid tag ({@code regid.2016-07.com.cisco.UCM_Basic,12.0_...} gives {@code UCM_Basic}). */
    static String licenseName(String tag) {
        if (tag.startsWith("regid.")) {
            int start = tag.indexOf(".com.cisco.");
            int end = tag.indexOf(',');
            if (start > 0 && end > start) {
                return tag.substring(start + ".com.cisco.".length(), end);
            }
        }
        return tag.length() > 32 ? tag.substring(0, 29) + "..." : tag;
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append("  ").append(label).append(": ").append(value == null ? "" : value).append('\n');
    }

    private static void failureReason(StringBuilder out, String reason) {
        if (reason != null) {
            out.append("    Failure reason: ").append(reason).append('\n');
        }
    }

    private static String attempt(boolean succeeded, Instant at) {
        return (succeeded ? "SUCCEEDED" : "FAILED") + " on " + date(at);
    }

    static String date(Instant instant) {
        return instant == null ? "None" : DATE.format(instant);
    }

    static String duration(Duration d) {
        return d.toDays() + " days, " + d.toHoursPart() + " hours, " + d.toMinutesPart() + " minutes, " + d.toSecondsPart() + " seconds";
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
