package io.modelgate.pipeline;

import io.modelgate.catalog.ModelCatalog;
import io.modelgate.catalog.Registration;
import io.modelgate.catalog.WriteResult;
import io.modelgate.model.Assessment;
import io.modelgate.model.Channel;
import io.modelgate.model.PromotionState;
import io.modelgate.model.Reason;

/**
 * Step 6: writes the gate's decision through the catalog. Promote and candidate register the
 * model; a held artifact that is already in the database gets a candidate row "held for review";
 * a held inbox file registers nothing. When the catalog refuses (a reviewer's decision, a final
 * state, a demotion), the artifact goes to review with the catalog's reason and the row stays.
 */
public final class CatalogWriter {
    private final ModelCatalog catalog;

    public CatalogWriter(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    public void write(Assessment a) {
        Channel channel = a.channel();
        if (channel == Channel.FAILED) {
            return;
        }
        if (channel == Channel.REVIEW && !a.fromDatabase()) {
            PromotionState current = catalog.currentState(a.id());
            a.oldState(current);
            a.newState(current);
            return;
        }
        boolean held = channel == Channel.REVIEW;
        WriteResult result = catalog.registerModel(new Registration(a.id(), a.title(), a.document(), a.metadata(),
                a.version(), held ? PromotionState.CANDIDATE : a.newState(), a.reasons(), held, a.runId()));
        a.oldState(result.oldState());
        a.newState(result.newState());
        a.change(result.change());
        if (result.refused()) {
            Reason refusal = result.refusal();
            a.reason(refusal.code(), refusal.message());
            a.channel(Channel.REVIEW);
        }
    }
}
