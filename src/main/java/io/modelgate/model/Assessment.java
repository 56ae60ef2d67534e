package io.modelgate.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One artifact on its way through the pipeline: what came in, what each step found, and where
 * it ended. Each step adds to it; the route branches on {@link #channel()}.
 */
public final class Assessment {
    public static final String SOURCE_DB = "db";
    public static final String SOURCE_INBOX = "inbox";

    private final String source;
    private final String file;
    /** The run the artifact belongs to, from its creation; null outside a run ({@code validate}). */
    private String runId;
    private ObjectNode document;
    private String id;
    private String title;
    private ObjectNode metadata;
    private ModelVersion version;
    private final List<Reason> reasons = new ArrayList<>();
    private final List<FieldError> errors = new ArrayList<>();
    private final List<Normalization> normalizations = new ArrayList<>();
    private Channel channel;
    private PromotionState oldState;
    private PromotionState newState;
    private Change change = Change.NONE;
    private String ticketPath;
    /** The version (xmin) of the database row as read, then as written; null for an inbox file. */
    private String rowVersion;
    /** The artifact ids the reference check looked up, each with whether it was found. */
    private final Map<String, Boolean> referencesFound = new LinkedHashMap<>();
    /** The metadata object the schema check found valid; the catalog need not validate it again. */
    private ObjectNode schemaValidMetadata;

    public Assessment(String source, String file, String runId) {
        this.source = source;
        this.file = file;
        this.runId = runId;
    }

    /** An artifact outside any run (the {@code validate} command, a test). */
    public Assessment(String source, String file) {
        this(source, file, null);
    }

    public String source() { return source; }
    public String file() { return file; }
    public String runId() { return runId; }
    public ObjectNode document() { return document; }
    public String id() { return id; }
    public String title() { return title; }
    public ObjectNode metadata() { return metadata; }
    public ModelVersion version() { return version; }
    public List<Reason> reasons() { return reasons; }
    public List<FieldError> errors() { return errors; }
    public List<Normalization> normalizations() { return normalizations; }
    public Channel channel() { return channel; }
    public PromotionState oldState() { return oldState; }
    public PromotionState newState() { return newState; }
    public Change change() { return change; }
    public String ticketPath() { return ticketPath; }
    public String rowVersion() { return rowVersion; }
    public Map<String, Boolean> referencesFound() { return referencesFound; }

    /** The channel's label, or "pending" before the gate has decided. */
    public String channelLabel() {
        return channel == null ? "pending" : channel.label();
    }

    public boolean fromDatabase() {
        return SOURCE_DB.equals(source);
    }

    /** Anything found so far that a person must look at (ambiguity, schema, references, protection). */
    public boolean isHeld() {
        return reasons.stream().anyMatch(Reason::holds);
    }

    /** Ties an artifact read outside the routes (a reviewer's decision) to the run that decides it. */
    public void runId(String runId) { this.runId = runId; }
    public void document(ObjectNode document) { this.document = document; }
    public void id(String id) { this.id = id; }
    public void title(String title) { this.title = title; }
    public void metadata(ObjectNode metadata) { this.metadata = metadata; }
    public void version(ModelVersion version) { this.version = version; }
    public void channel(Channel channel) { this.channel = channel; }
    public void oldState(PromotionState oldState) { this.oldState = oldState; }
    public void newState(PromotionState newState) { this.newState = newState; }
    public void change(Change change) { this.change = change; }
    public void ticketPath(String ticketPath) { this.ticketPath = ticketPath; }
    public void rowVersion(String rowVersion) { this.rowVersion = rowVersion; }

    /** Records that the schema check found the current metadata valid. */
    public void metadataSchemaValid() {
        this.schemaValidMetadata = metadata;
    }

    /** Whether the schema check found the metadata valid, and it is still the same object. */
    public boolean isMetadataSchemaValid() {
        return metadata != null && schemaValidMetadata == metadata;
    }

    /** Records a look-up the assessment depends on, so a scan knows to assess again when its answer changes. */
    public void referenceFound(String artifactId, boolean found) {
        referencesFound.put(artifactId, found);
    }

    public void reason(String code, String message) {
        reasons.add(new Reason(code, message));
    }

    public void error(String path, String message) {
        errors.add(new FieldError(path, message));
    }

    /** Ends the artifact in {@code failed} with one reason and, if given, the field at fault. */
    public Assessment fail(String code, String path, String message) {
        // the failure first: it is what a person reads at the top of the error file and the report
        reasons.add(0, new Reason(code, message));
        if (path != null) {
            error(path, message);
        }
        channel = Channel.FAILED;
        return this;
    }

    @Override
    public String toString() {
        return id != null ? id : "file " + file;
    }
}
