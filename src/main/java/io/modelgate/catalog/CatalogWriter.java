package io.modelgate.catalog;

import io.modelgate.model.Assessment;
import io.modelgate.model.Change;
import io.modelgate.model.Channel;
import io.modelgate.model.PromotionState;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 6: writes the gate's decisions through the catalog. Promote and candidate register the
 * model; a held artifact that is already in the database gets a candidate row "held for review";
 * a held inbox file registers nothing. When the catalog refuses (a reviewer's decision, a final
 * state, a demotion), the artifact goes to review with the catalog's reason and the row stays.
 * The scan and the inbox hand over batches, written in one transaction each, the artifacts that
 * others of the batch name (a base model, an older version) first. A promotion the catalog holds
 * for its lineage ({@code R-LINEAGE}) goes to review; an inbox file's document is then kept, as
 * for any held file.
 * When PostgreSQL refuses an artifact's data, that artifact fails ({@code E-LIMIT}) and nothing
 * of it is written; a batch it spoiled is written again one artifact at a time.
 */
public final class CatalogWriter {
    private static final String LINEAGE = "R-LINEAGE";

    private final ModelCatalog catalog;
    private final HeldDocuments heldDocuments;

    public CatalogWriter(ModelCatalog catalog, HeldDocuments heldDocuments) {
        this.catalog = catalog;
        this.heldDocuments = heldDocuments;
    }

    public void writeBatch(List<Assessment> batch) {
        InRunReferences.holdWhereBaseIsNot(batch, catalog);
        List<Assessment> written = new ArrayList<>();
        List<Registration> registrations = new ArrayList<>();
        List<Assessment> heldFiles = new ArrayList<>();
        for (Assessment a : InRunReferences.olderFirst(batch)) {
            Channel channel = a.channel();
            if (channel == Channel.FAILED) {
                continue;
            }
            if (channel == Channel.REVIEW && !a.fromDatabase()) {
                PromotionState current = catalog.currentState(a.id());
                a.oldState(current);
                a.newState(current);
                // nothing is registered, but its document is kept for the reviewer who decides it
                heldFiles.add(a);
                continue;
            }
            boolean held = channel == Channel.REVIEW;
            written.add(a);
            registrations.add(new Registration(a.id(), a.title(), a.document(), a.metadata(), a.version(),
                    held ? PromotionState.CANDIDATE : a.newState(), a.reasons(), held, a.runId(),
                    a.isMetadataSchemaValid()));
        }
        keepHeld(heldFiles);
        if (registrations.isEmpty()) {
            return;
        }
        List<WriteResult> results;
        try {
            results = catalog.registerBatch(registrations);
        } catch (DataRefusedException refused) {
            if (registrations.size() == 1) {
                refuse(written.get(0), refused);
            } else {
                oneAtATime(written, registrations);
            }
            return;
        }
        List<Assessment> heldForLineage = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            apply(written.get(i), results.get(i));
            if (heldUnregistered(written.get(i), results.get(i))) {
                heldForLineage.add(written.get(i));
            }
        }
        keepHeld(heldForLineage);
    }

    /** An inbox file the catalog held for its lineage without registering it: its document is kept as well. */
    private static boolean heldUnregistered(Assessment a, WriteResult result) {
        return !a.fromDatabase() && result.refused() && result.change() == Change.NONE && result.oldState() == null
                && LINEAGE.equals(result.refusal().code());
    }

    /** Keeps the held files' documents; one PostgreSQL refuses fails that file alone, as a registration would. */
    private void keepHeld(List<Assessment> held) {
        try {
            heldDocuments.keep(held.stream().map(CatalogWriter::held).toList());
        } catch (DataRefusedException refused) {
            for (Assessment a : held) {
                try {
                    heldDocuments.keep(List.of(held(a)));
                } catch (DataRefusedException alone) {
                    a.fail("E-LIMIT", null, alone.getMessage());
                }
            }
        }
    }

    private static HeldDocuments.Held held(Assessment a) {
        return new HeldDocuments.Held(a.id(), a.document(), a.file(), a.runId(), a.reasons(), a.metadata());
    }

    /** The batch's transaction was spoiled by one artifact's data: each gets its own, so only that one fails. */
    private void oneAtATime(List<Assessment> written, List<Registration> registrations) {
        for (int i = 0; i < written.size(); i++) {
            try {
                apply(written.get(i), catalog.registerModel(registrations.get(i)));
            } catch (DataRefusedException refused) {
                refuse(written.get(i), refused);
            }
        }
    }

    /** Bad input the database cannot store: the artifact fails, its row (if any) stays as it was. */
    private void refuse(Assessment a, DataRefusedException refused) {
        PromotionState current = catalog.currentState(a.id());
        a.oldState(current);
        a.newState(current);
        a.fail("E-LIMIT", null, refused.getMessage());
    }

    private static void apply(Assessment a, WriteResult result) {
        a.oldState(result.oldState());
        a.newState(result.newState());
        a.change(result.change());
        if (result.rowVersion() != null) {
            // the row now holds the normalized metadata: that version is what the next scan reads
            a.rowVersion(result.rowVersion());
        }
        StoredState reported = result.reported(a.channel());
        if (reported.reason() != null) {
            a.reason(reported.reason().code(), reported.reason().message());
        }
        a.channel(reported.channel());
    }
}
