package io.licensesatellite.admin;

import io.licensesatellite.platform.ErrorKind;
import io.licensesatellite.platform.SatelliteException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be (NIST SP 800-63B: length, and not a known-common one; no composition rules). A
 * candidate is compared with the shipped list after undoing the usual disguises: case, leetspeak and digits or
 * symbols stuck on either end, so {@code Password123!} and {@code Satellite2026!} count as common.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 1024;
    private static final int MIN_DISTINCT_CHARACTERS = 5;
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {}

    /** Throws {@code password-too-weak} with the reason when the password may not be used. */
    public static void check(String username, String candidate, String currentPassword) {
        if (candidate == null || candidate.length() < MIN_LENGTH) {
            throw weak("The new password must be at least " + MIN_LENGTH + " characters long");
        }
        if (candidate.length() > MAX_LENGTH) {
            throw weak("The new password must be at most " + MAX_LENGTH + " characters long");
        }
        if (username != null && !username.isBlank()
                && candidate.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            throw weak("The new password must not contain the username");
        }
        if (candidate.equals(currentPassword)) {
            throw weak("The new password must differ from the current one");
        }
        if (candidate.codePoints().distinct().count() < MIN_DISTINCT_CHARACTERS) {
            throw weak("The new password uses too few different characters");
        }
        for (String variant : variants(candidate)) {
            if (variant.isEmpty() || COMMON.contains(variant) || isSequence(variant) || madeOfCommonWords(variant)) {
                throw weak("The new password is a common password or a simple variation of one (a common word"
                        + " with digits, symbols or letter substitutions added); choose a longer, less predictable one,"
                        + " such as several unrelated words");
            }
        }
    }

    /** The forms a guesser would try: as typed in lowercase, with leetspeak undone, with end digits and symbols cut. */
    static Set<String> variants(String candidate) {
        String lower = candidate.toLowerCase(Locale.ROOT);
        Set<String> out = new LinkedHashSet<>();
        for (String form : new String[] {lower, trimEnds(lower)}) {
            out.add(form);
            out.add(trimEnds(unleet(form, 'i')));
            out.add(trimEnds(unleet(form, 'l')));
            out.add(unleet(form, 'i'));
        }
        return out;
    }

    /** "cisco123cisco123", "secret-secret": most of the password is common words glued with digits or symbols. */
    private static boolean madeOfCommonWords(String variant) {
        int letters = 0;
        boolean any = false;
        for (String run : variant.split("[^\\p{L}]+")) {
            if (run.length() < 3) {
                continue;
            }
            if (!COMMON.contains(run)) {
                return false;
            }
            any = true;
            letters += run.length();
        }
        return any && letters * 2 >= variant.length();
    }

    private static String unleet(String s, char one) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(switch (c) {
                case '4', '@' -> 'a';
                case '3' -> 'e';
                case '0' -> 'o';
                case '1' -> one;
                case '!', '|' -> 'i';
                case '$', '5' -> 's';
                case '7', '+' -> 't';
                case '8' -> 'b';
                default -> c;
            });
        }
        return b.toString();
    }

    /** Cuts digits, symbols and spaces from both ends: "admin!23" is "admin". */
    private static String trimEnds(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && !Character.isLetter(s.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** A run of one character or a straight run up or down the alphabet: "aaaa", "abcdef", "zyxw". */
    private static boolean isSequence(String s) {
        if (s.length() < 3) {
            return true;
        }
        int step = s.charAt(1) - s.charAt(0);
        if (Math.abs(step) > 1) {
            return false;
        }
        for (int i = 2; i < s.length(); i++) {
            if (s.charAt(i) - s.charAt(i - 1) != step) {
                return false;
            }
        }
        return true;
    }

    private static SatelliteException weak(String why) {
        return new SatelliteException(ErrorKind.PASSWORD_TOO_WEAK, why);
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/admin/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("admin/common-passwords.txt is missing from the build");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip().toLowerCase(Locale.ROOT);
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                    words.add(trimEnds(word));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        words.remove("");
        return Set.copyOf(words);
    }
}
