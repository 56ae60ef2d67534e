package io.modelgate.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Inbox files for tests that drive the packaged jar. */
public final class InboxTestFiles {
    private InboxTestFiles() {
    }

    public static String promotableMetadata() {
        return "{" + InboxTest.VALID + ", \"evaluation_metrics\": {\"auc\": 0.8}}";
    }

    public static String promotable(String id) {
        return InboxTest.model(id, promotableMetadata());
    }

    /** A registrable file, a held one, a broken one and two names the inbox must leave alone. */
    public static void writeMixedInbox(Path inbox) throws IOException {
        Files.writeString(inbox.resolve("promote.json"), promotable("model-promote"));
        Files.writeString(inbox.resolve("schema.json"), InboxTest.model("model-schema", ", \"origin_type\": \"external\","
                + " \"origin_url\": \"https://huggingface.co/org/model\"", "{" + InboxTest.VALID + ", \"evaluation_metrics\": {}}"));
        Files.writeString(inbox.resolve("broken.json"), "{\"id\": \"model-broken\", ");
        Files.writeString(inbox.resolve(".hidden.json"), promotable("model-hidden"));
        Files.writeString(inbox.resolve("upload.json.part"), promotable("model-part"));
    }
}
