package io.licensesatellite.upstream;

import io.licensesatellite.upstream.Accounts.LicenseLine;
import io.licensesatellite.upstream.Accounts.LicenseType;
import io.licensesatellite.upstream.Accounts.SmartAccount;
import io.licensesatellite.upstream.Accounts.VirtualAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads, validates and writes {@code accounts.yml}. Reading reports every fault at once, each with its path
 * ({@code smart_accounts[0].virtual_accounts[1].licenses[2].quantity: ...}), so an operator fixes the file in one go.
 */
final class AccountsFile {
    static final String FILE_NAME = "accounts.yml";
    static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final Set<String> ROOT_KEYS = Set.of("smart_accounts");
    private static final Set<String> SA_KEYS = Set.of("name", "virtual_accounts");
    private static final Set<String> VA_KEYS = Set.of("name", "description", "licenses");
    private static final Set<String> LINE_KEYS = Set.of("tag", "display_name", "quantity", "type", "end_date", "higher_tier_tag");
    private static final int MAX_NAME_LENGTH = 256;

    static final String EXAMPLE = """
            # Upstream emulator accounts: what the upstream holds for the satellites registered to it.
            # Read again at every answer: edit licences between two syncs and the next response carries them.
            # Each licence line: tag, display_name, quantity (>= 0), type PERPETUAL | TERM,
            # end_date "YYYY-MM-DD" (TERM only: last day the licence counts), higher_tier_tag (optional).
            smart_accounts:
              - name: "Example Corp"
                virtual_accounts:
                  - name: "Campus"
                    description: "Access switches"
                    licenses:
                      - tag: "regid.2017-07.com.cisco.C9300_24_NW_A,1.0_d1e0d3a4-a7f7-4ad4-9c1c-ea5c4fe09c41"
                        display_name: "C9300 24-port Network Advantage"
                        quantity: 20
                        type: PERPETUAL
                        end_date: null
                        higher_tier_tag: null
                      - tag: "regid.2017-07.com.cisco.C9300_DNA_Advantage,1.0_6f7ebf8e-3e7f-4c1e-8e4b-0b7d1c7f2c55"
                        display_name: "C9300 DNA Advantage, 3 years"
                        quantity: 20
                        type: TERM
                        end_date: "2029-03-31"
                        higher_tier_tag: null
                  - name: "Data Centre"
                    description: null
                    licenses:
                      - tag: "regid.2018-02.com.cisco.N9K_ESS,1.0_2bd8e9a2-9c61-4d1f-8f67-0e3c5ad1b8f1"
                        display_name: "Nexus 9000 Essentials"
                        quantity: 8
                        type: PERPETUAL
                        end_date: null
                        higher_tier_tag: null
            """;

    private AccountsFile() {}

    static Accounts read(Path file) {
        byte[] raw;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw invalid(List.of("larger than " + MAX_BYTES + " bytes"), file);
            }
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new EmulatorException(EmulatorError.ACCOUNTS_INVALID, file + " does not exist; run 'init' to create an example");
        } catch (IOException e) {
            throw new EmulatorException(EmulatorError.ACCOUNTS_INVALID, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(new String(raw, StandardCharsets.UTF_8), file);
    }

    static Accounts parse(String text, Path file) {
        Object root;
        try {
            root = loader().load(text);
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1)
                    + ", column " + (e.getProblemMark().getColumn() + 1);
            throw invalid(List.of("not valid YAML" + where + ": " + e.getProblem()), file);
        } catch (YAMLException e) {
            throw invalid(List.of("not valid YAML: " + e.getMessage()), file);
        }
        List<String> faults = new ArrayList<>();
        Accounts accounts = new Reader(faults).root(root);
        if (faults.isEmpty()) {
            faults.addAll(validate(accounts));
        }
        if (!faults.isEmpty()) {
            throw invalid(faults, file);
        }
        return accounts;
    }

    /** The rules that hold for a model whatever its source: names present and unique, lines consistent. */
    static List<String> validate(Accounts accounts) {
        List<String> faults = new ArrayList<>();
        Set<String> saNames = new HashSet<>();
        for (int s = 0; s < accounts.smartAccounts().size(); s++) {
            SmartAccount sa = accounts.smartAccounts().get(s);
            String saPath = "smart_accounts[" + s + "]";
            name(sa.name(), saPath + ".name", faults);
            if (sa.name() != null && !saNames.add(sa.name())) {
                faults.add(saPath + ".name: '" + sa.name() + "' appears twice");
            }
            Set<String> vaNames = new HashSet<>();
            for (int v = 0; v < sa.virtualAccounts().size(); v++) {
                VirtualAccount va = sa.virtualAccounts().get(v);
                String vaPath = saPath + ".virtual_accounts[" + v + "]";
                name(va.name(), vaPath + ".name", faults);
                if (va.name() != null && !vaNames.add(va.name())) {
                    faults.add(vaPath + ".name: '" + va.name() + "' appears twice in this Smart Account");
                }
                Set<String> tags = new HashSet<>();
                for (int l = 0; l < va.licenses().size(); l++) {
                    line(va.licenses().get(l), vaPath + ".licenses[" + l + "]", tags, faults);
                }
            }
        }
        return faults;
    }

    private static void line(LicenseLine line, String path, Set<String> tags, List<String> faults) {
        name(line.tag(), path + ".tag", faults);
        if (line.tag() != null && !tags.add(line.tag())) {
            faults.add(path + ".tag: '" + line.tag() + "' appears twice in this Virtual Account (one line per tag)");
        }
        name(line.displayName(), path + ".display_name", faults);
        if (line.quantity() < 0) {
            faults.add(path + ".quantity: must be 0 or more, not " + line.quantity());
        }
        if (line.type() == null) {
            faults.add(path + ".type: required (PERPETUAL or TERM)");
        } else if (line.type() == LicenseType.TERM && line.endDate() == null) {
            faults.add(path + ".end_date: required for a TERM licence");
        } else if (line.type() == LicenseType.PERPETUAL && line.endDate() != null) {
            faults.add(path + ".end_date: must be null for a PERPETUAL licence");
        }
        if (line.higherTierTag() != null && line.higherTierTag().equals(line.tag())) {
            faults.add(path + ".higher_tier_tag: must differ from the line's own tag");
        }
    }

    private static void name(String value, String path, List<String> faults) {
        if (value == null || value.isBlank()) {
            faults.add(path + ": required");
        } else if (value.length() > MAX_NAME_LENGTH) {
            faults.add(path + ": longer than " + MAX_NAME_LENGTH + " characters");
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            faults.add(path + ": contains a control character");
        }
    }

    static void write(Path file, Accounts accounts) {
        List<String> faults = validate(accounts);
        if (!faults.isEmpty()) {
            throw invalid(faults, file);
        }
        List<Object> sas = new ArrayList<>();
        for (SmartAccount sa : accounts.smartAccounts()) {
            List<Object> vas = new ArrayList<>();
            for (VirtualAccount va : sa.virtualAccounts()) {
                List<Object> lines = new ArrayList<>();
                for (LicenseLine line : va.licenses()) {
                    Map<String, Object> l = new LinkedHashMap<>();
                    l.put("tag", line.tag());
                    l.put("display_name", line.displayName());
                    l.put("quantity", line.quantity());
                    l.put("type", line.type().name());
                    l.put("end_date", line.endDate() == null ? null : line.endDate().toString());
                    l.put("higher_tier_tag", line.higherTierTag());
                    lines.add(l);
                }
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("name", va.name());
                v.put("description", va.description());
                v.put("licenses", lines);
                vas.add(v);
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("name", sa.name());
            s.put("virtual_accounts", vas);
            sas.add(s);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(Integer.MAX_VALUE);
        // The standard resolver quotes strings that look like dates or numbers, so another reader sees strings too.
        String yaml = "# Upstream emulator accounts (written by the emulator; edit freely, read at every answer)\n"
                + new Yaml(options).dump(Map.of("smart_accounts", sas));
        try {
            StateFiles.writePublic(file, yaml.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EmulatorException(EmulatorError.STATE_UNAVAILABLE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static EmulatorException invalid(List<String> faults, Path file) {
        return new EmulatorException(EmulatorError.ACCOUNTS_INVALID,
                file + " is not valid:\n  " + String.join("\n  ", faults));
    }

    private static Yaml loader() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(16);
        options.setCodePointLimit(MAX_BYTES);
        options.setTagInspector(tag -> false);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new DatesAsStrings());
    }

    /** Unquoted dates stay strings, so {@code end_date: 2027-03-31} and {@code "2027-03-31"} read the same. */
    private static final class DatesAsStrings extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            Tag tag = super.resolve(kind, value, implicit);
            return Tag.TIMESTAMP.equals(tag) ? Tag.STR : tag;
        }
    }

    /** Turns the loaded YAML into the model, noting each fault with its path instead of stopping at the first. */
    private record Reader(List<String> faults) {

        Accounts root(Object root) {
            if (root == null) {
                faults.add("the file is empty; expected a mapping with 'smart_accounts'");
                return new Accounts(List.of());
            }
            Map<String, Object> map = mapping(root, "(root)", ROOT_KEYS);
            if (map == null) {
                return new Accounts(List.of());
            }
            List<SmartAccount> sas = new ArrayList<>();
            List<Object> items = sequence(map.get("smart_accounts"), "smart_accounts", true);
            for (int i = 0; i < items.size(); i++) {
                String path = "smart_accounts[" + i + "]";
                Map<String, Object> sa = mapping(items.get(i), path, SA_KEYS);
                if (sa != null) {
                    sas.add(new SmartAccount(string(sa.get("name"), path + ".name", true),
                            virtualAccounts(sequence(sa.get("virtual_accounts"), path + ".virtual_accounts", true), path)));
                }
            }
            return new Accounts(sas);
        }

        private List<VirtualAccount> virtualAccounts(List<Object> items, String saPath) {
            List<VirtualAccount> vas = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String path = saPath + ".virtual_accounts[" + i + "]";
                Map<String, Object> va = mapping(items.get(i), path, VA_KEYS);
                if (va == null) {
                    continue;
                }
                List<LicenseLine> lines = new ArrayList<>();
                List<Object> lineItems = sequence(va.get("licenses"), path + ".licenses", false);
                for (int l = 0; l < lineItems.size(); l++) {
                    LicenseLine line = line(lineItems.get(l), path + ".licenses[" + l + "]");
                    if (line != null) {
                        lines.add(line);
                    }
                }
                vas.add(new VirtualAccount(string(va.get("name"), path + ".name", true),
                        string(va.get("description"), path + ".description", false), lines));
            }
            return vas;
        }

        private LicenseLine line(Object item, String path) {
            Map<String, Object> line = mapping(item, path, LINE_KEYS);
            if (line == null) {
                return null;
            }
            int quantity = 0;
            Object q = line.get("quantity");
            if (q instanceof Integer n) {
                quantity = n;
            } else if (q == null) {
                faults.add(path + ".quantity: required");
            } else {
                faults.add(path + ".quantity: must be a whole number, not '" + q + "'");
            }
            LicenseType type = null;
            String typeText = string(line.get("type"), path + ".type", true);
            if (typeText != null) {
                try {
                    type = LicenseType.valueOf(typeText.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    faults.add(path + ".type: must be PERPETUAL or TERM, not '" + typeText + "'");
                }
            }
            LocalDate endDate = null;
            String endText = string(line.get("end_date"), path + ".end_date", false);
            if (endText != null) {
                try {
                    endDate = LocalDate.parse(endText);
                } catch (DateTimeParseException e) {
                    faults.add(path + ".end_date: must be a date YYYY-MM-DD, not '" + endText + "'");
                }
            }
            return new LicenseLine(string(line.get("tag"), path + ".tag", true),
                    string(line.get("display_name"), path + ".display_name", true), quantity, type, endDate,
                    string(line.get("higher_tier_tag"), path + ".higher_tier_tag", false));
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> mapping(Object value, String path, Set<String> allowed) {
            if (!(value instanceof Map<?, ?> map)) {
                faults.add(path + ": must be a mapping");
                return null;
            }
            for (Object key : map.keySet()) {
                if (!(key instanceof String name) || !allowed.contains(name)) {
                    faults.add(path + ": unknown key '" + key + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
            }
            return (Map<String, Object>) map;
        }

        @SuppressWarnings("unchecked")
        private List<Object> sequence(Object value, String path, boolean required) {
            if (value == null) {
                if (required) {
                    faults.add(path + ": required (a list, possibly empty: [])");
                }
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                faults.add(path + ": must be a list");
                return List.of();
            }
            return (List<Object>) list;
        }

        private String string(Object value, String path, boolean required) {
            if (value == null) {
                if (required) {
                    faults.add(path + ": required");
                }
                return null;
            }
            if (value instanceof String s) {
                return s;
            }
            if (value instanceof Number || value instanceof Boolean) {
                faults.add(path + ": must be text; quote it (\"" + value + "\")");
                return null;
            }
            faults.add(path + ": must be text");
            return null;
        }
    }
}
