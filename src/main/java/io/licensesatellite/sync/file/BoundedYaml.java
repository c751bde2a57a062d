package io.licensesatellite.sync.file;

import io.licensesatellite.sync.file.SyncFileException.Reason;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads the signed part into plain values: {@code Map<String, Object>} (in file order), {@code List<Object>},
 * {@code String}, {@code Long} or {@link BigInteger}, {@code Boolean}, or {@code null}.
 *
 * <p>It consumes SnakeYAML's parser events rather than its composer or constructor, so that nothing is resolved
 * that the format does not use: an anchor, alias or explicit tag is refused where it appears instead of being
 * followed, depth and collection sizes are counted before anything is built, and plain scalars are typed by the
 * few rules below (no timestamps, no octal, no YAML 1.1 {@code yes}/{@code no}); a quoted scalar is always a string.
 */
final class BoundedYaml {
    private final SyncFileLimits limits;

    BoundedYaml(SyncFileLimits limits) { this.limits = limits; }

    /** The single document in the first {@code length} bytes; any failure of the parser ends as UNPARSEABLE. */
    Object read(byte[] raw, int length) throws SyncFileException {
        String text = utf8(raw, length);
        try {
            Parser parser = new ParserImpl(new StreamReader(text), loaderOptions());
            expect(parser, Event.ID.StreamStart);
            if (parser.checkEvent(Event.ID.StreamEnd)) {
                throw unparseable(null, "the signed part holds no YAML document");
            }
            expect(parser, Event.ID.DocumentStart);
            Object document = node(parser, 1);
            expect(parser, Event.ID.DocumentEnd);
            if (!parser.checkEvent(Event.ID.StreamEnd)) {
                throw unparseable(parser.peekEvent().getStartMark(), "the signed part holds more than one YAML document");
            }
            return document;
        } catch (ReaderException e) {
            throw unparseable(null, String.format("character U+%04X at position %d is not allowed in YAML text"
                    + " (write it escaped inside double quotes)", e.getCodePoint(), e.getPosition()));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw unparseable(mark, problem == null ? "the text is not valid YAML" : oneLine(problem));
        } catch (YAMLException e) {
            throw unparseable(null, e.getMessage() == null ? "the text is not valid YAML" : oneLine(e.getMessage()));
        } catch (StackOverflowError e) {
            throw unparseable(null, "it is nested too deeply to be read");
        } catch (RuntimeException e) {
            // SnakeYAML documents YAMLException only; anything else from it is a parser defect, and a hostile file
            // that triggers one is still just a file we cannot read.
            throw unparseable(null, "the text could not be read as YAML");
        }
    }

    private LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setNestingDepthLimit(limits.maxNestingDepth());
        // Every code point takes at least one byte, so this only restates the size limit for the scanner.
        options.setCodePointLimit((int) Math.min(limits.maxBytes(), Integer.MAX_VALUE));
        options.setProcessComments(false);
        return options;
    }

    private Object node(Parser parser, int depth) throws SyncFileException {
        Event event = parser.getEvent();
        refuseAnchorsAndTags(event);
        switch (event.getEventId()) {
            case Scalar:
                return scalar((ScalarEvent) event);
            case SequenceStart:
                return sequence(parser, event, depth);
            case MappingStart:
                return mapping(parser, event, depth);
            default:
                throw unparseable(event.getStartMark(), "unexpected " + event.getEventId());
        }
    }

    private List<Object> sequence(Parser parser, Event start, int depth) throws SyncFileException {
        refuseDepth(start, depth);
        List<Object> items = new ArrayList<>();
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
            if (items.size() == limits.maxCollectionItems()) {
                throw unparseable(start.getStartMark(), "a list has more than " + limits.maxCollectionItems() + " items");
            }
            items.add(node(parser, depth + 1));
        }
        parser.getEvent();
        return items;
    }

    private Map<String, Object> mapping(Parser parser, Event start, int depth) throws SyncFileException {
        refuseDepth(start, depth);
        Map<String, Object> entries = new LinkedHashMap<>();
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            if (entries.size() == limits.maxCollectionItems()) {
                throw unparseable(start.getStartMark(), "a mapping has more than " + limits.maxCollectionItems() + " keys");
            }
            Event keyEvent = parser.getEvent();
            refuseAnchorsAndTags(keyEvent);
            if (!(keyEvent instanceof ScalarEvent key)) {
                throw unparseable(keyEvent.getStartMark(), "a mapping key must be a name, not a list or mapping");
            }
            if (entries.containsKey(key.getValue())) {
                throw unparseable(keyEvent.getStartMark(), "duplicate key '" + Excerpt.of(key.getValue(), 40) + "'");
            }
            entries.put(key.getValue(), node(parser, depth + 1));
        }
        parser.getEvent();
        return entries;
    }

    private void refuseDepth(Event start, int depth) throws SyncFileException {
        if (depth > limits.maxNestingDepth()) {
            throw unparseable(start.getStartMark(), "collections are nested deeper than " + limits.maxNestingDepth() + " levels");
        }
    }

    private static void refuseAnchorsAndTags(Event event) throws SyncFileException {
        if (event.is(Event.ID.Alias)) {
            throw unparseable(event.getStartMark(), "anchors and aliases are not allowed (found alias *"
                    + Excerpt.of(((NodeEvent) event).getAnchor(), 40) + ")");
        }
        if (event instanceof NodeEvent node && node.getAnchor() != null) {
            throw unparseable(event.getStartMark(), "anchors and aliases are not allowed (found anchor &"
                    + Excerpt.of(node.getAnchor(), 40) + ")");
        }
        String tag = event instanceof ScalarEvent scalar ? scalar.getTag()
                : event instanceof CollectionStartEvent collection ? collection.getTag() : null;
        if (tag != null) {
            throw unparseable(event.getStartMark(), "tags are not allowed (found " + Excerpt.of(tag, 60) + ")");
        }
    }

    /** The YAML 1.2 core schema's null, booleans and decimal integers; every other plain scalar is a string. */
    private static Object scalar(ScalarEvent event) {
        String value = event.getValue();
        if (!event.isPlain()) {
            return value;
        }
        switch (value) {
            case "", "~", "null", "Null", "NULL":
                return null;
            case "true", "True", "TRUE":
                return Boolean.TRUE;
            case "false", "False", "FALSE":
                return Boolean.FALSE;
            default:
                return isDecimalInteger(value) ? integer(value) : value;
        }
    }

    /** {@code 0}, {@code 12}, {@code -3}; not {@code 012} (octal in YAML 1.1), {@code +3}, {@code 1_000} or {@code 0x1f}. */
    private static boolean isDecimalInteger(String value) {
        int start = value.startsWith("-") ? 1 : 0;
        if (value.length() == start || value.length() - start > 1 && value.charAt(start) == '0') {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static Object integer(String value) {
        if (value.length() <= 18) {
            return Long.parseLong(value);
        }
        BigInteger big = new BigInteger(value);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private static void expect(Parser parser, Event.ID id) throws SyncFileException {
        Event event = parser.getEvent();
        if (!event.is(id)) {
            throw unparseable(event.getStartMark(), "unexpected " + event.getEventId() + " where " + id + " was expected");
        }
    }

    private static String utf8(byte[] raw, int length) throws SyncFileException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw, 0, length);
        // Decoded through a small window only to find the first bad byte: new String(...) would replace it silently.
        CharBuffer window = CharBuffer.allocate(8192);
        CoderResult result;
        do {
            window.clear();
            result = decoder.decode(in, window, true);
            if (result.isError()) {
                throw new SyncFileException(Reason.UNPARSEABLE,
                        "The signed part is not UTF-8 text: invalid byte sequence at byte " + in.position());
            }
        } while (result.isOverflow());
        return new String(raw, 0, length, StandardCharsets.UTF_8);
    }

    private static String oneLine(String text) {
        return Excerpt.of(text.replace('\n', ' '), 200);
    }

    private static SyncFileException unparseable(Mark mark, String problem) {
        String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        return new SyncFileException(Reason.UNPARSEABLE, "The signed part is not acceptable YAML" + where + ": " + problem);
    }
}
