package io.modelgate.inbox;

import static io.modelgate.support.TestJson.envelope;
import static io.modelgate.support.TestJson.model;
import static io.modelgate.support.TestJson.object;
import static io.modelgate.support.TestJson.validMetadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Inbox files for tests that drive the packaged jar. */
public final class InboxTestFiles {
    private InboxTestFiles() {
    }

    public static String promotableMetadata() {
        return validMetadata(object("auc", 0.8)).toString();
    }

    public static String promotable(String id) {
        return model(id, validMetadata(object("auc", 0.8))).toString();
    }

    /** A registrable file, a held one, a broken one and two names the inbox must leave alone. */
    public static void writeMixedInbox(Path inbox) throws IOException {
        Files.writeString(inbox.resolve("promote.json"), promotable("model-promote"));
        Files.writeString(inbox.resolve("schema.json"), envelope("model-schema").with("origin_type", "external")
                .with("origin_url", "https://huggingface.co/org/model").with("metadata", validMetadata(object()))
                .toString());
        // broken: raw text
        Files.writeString(inbox.resolve("broken.json"), "{\"id\": \"model-broken\", ");
        Files.writeString(inbox.resolve(".hidden.json"), promotable("model-hidden"));
        Files.writeString(inbox.resolve("upload.json.part"), promotable("model-part"));
    }
}
