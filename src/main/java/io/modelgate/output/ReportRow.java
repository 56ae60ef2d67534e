package io.modelgate.output;

import io.modelgate.model.Assessment;
import io.modelgate.model.Change;
import io.modelgate.model.Channel;
import io.modelgate.model.FieldError;
import io.modelgate.model.LeftAsDecided;
import io.modelgate.model.ModelVersion;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;
import java.util.List;

/** What a run's report says about one artifact; one JSON line of the run's spill file. */
public record ReportRow(
        String id,
        String title,
        String source,
        String file,
        String channel,
        String oldState,
        String newState,
        String change,
        String codePin,
        List<Reason> reasons,
        List<FieldError> errors,
        String ticket,
        List<String> normalizations) {

    public static ReportRow of(Assessment a) {
        ModelVersion version = a.version();
        String codePin = null;
        if (version != null && version.codeRepoUrl() != null) {
            codePin = withoutScheme(version.codeRepoUrl())
                    + (version.codeCommitSha() == null ? "" : "@" + version.codeCommitSha())
                    + (version.codeEntrypoint() == null ? "" : " " + version.codeEntrypoint());
        }
        return new ReportRow(a.id(), a.title(), a.source(), a.file(), a.channel().label(),
                a.oldState() == null ? null : a.oldState().dbValue(),
                a.newState() == null ? null : a.newState().dbValue(),
                a.change().label(), codePin, List.copyOf(a.reasons()), List.copyOf(a.errors()), a.ticketPath(),
                a.normalizations().stream().map(Object::toString).toList());
    }

    /** The URL without a leading {@code http://} or {@code https://}, as {@code replaceFirst("^https?://", "")} would give it. */
    static String withoutScheme(String url) {
        if (url.startsWith("https://")) {
            return url.substring("https://".length());
        }
        return url.startsWith("http://") ? url.substring("http://".length()) : url;
    }

    /**
     * Whether the artifact is left as decided ({@link LeftAsDecided}), unless a ticket of its id is
     * open; false for a row counted as decided already.
     */
    public boolean finalAndUnchanged() {
        return !decided() && LeftAsDecided.applies(Channel.fromLabel(channel), unchanged() ? Change.UNCHANGED : Change.NONE,
                PromotionState.fromDb(newState));
    }

    /** Whether the row is counted as decided, in no channel. */
    public boolean decided() {
        return LeftAsDecided.LABEL.equals(channel);
    }

    /** The same row, counted as decided instead of in its channel. */
    public ReportRow asDecided() {
        return new ReportRow(id, title, source, file, LeftAsDecided.LABEL, oldState, newState, change, codePin, reasons,
                errors, ticket, normalizations);
    }

    /** Whether the artifact needed no write: counted and summarized in the report, not listed. */
    public boolean unchanged() {
        return Change.UNCHANGED.label().equals(change);
    }

    /** Rows sort by id; inputs without a readable id come last, by file name. */
    public String sortKey() {
        return sortKey(id, file);
    }

    /** The spill's key: an id (unvalidated where a database row's metadata could not be read) or a file name, on one line, without tabs. */
    static String sortKey(String id, String file) {
        return id != null ? "0" + keyText(id) : "1" + (file == null ? "" : keyText(file));
    }

    private static String keyText(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
