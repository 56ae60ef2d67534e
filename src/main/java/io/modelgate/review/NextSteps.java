package io.modelgate.review;

import io.modelgate.model.ReviewQueueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a person can do about a held artifact, step by step, in the words of the commands that do
 * it: what its reasons mean, then the decision or the correction that resolves it. What a step
 * offers depends on where the artifact came from (an inbox file registers nothing while held; a
 * database artifact has its row) and on why it is held: metadata that is not fit to register
 * needs corrected fields; a policy reason alone (a moving ref, an unregistered base model, the
 * gate, a lineage) may be accepted as it is; a protected row takes new input only from a reviewer.
 */
public final class NextSteps {
    /** What each reason that holds means, and what fixes it. */
    private static final Map<String, String> MEANING = new LinkedHashMap<>();

    static {
        MEANING.put("A-CONFLICT", "Two values are given for one field: keep the right one and remove the other key.");
        MEANING.put("A-UNPARSEABLE", "A value cannot be converted exactly: write it in the exact form the message names.");
        MEANING.put("V-SCHEMA", "The metadata does not satisfy schemas/model_artifact_metadata.json:"
                + " add or correct each field listed under Errors.");
        MEANING.put("A-REF", "A referenced artifact is not registered: register it first, or correct the id.");
        MEANING.put("A-UNPINNED", "A version or commit is a moving ref: name the exact upstream version or commit SHA,"
                + " or accept the ref as it is.");
        MEANING.put("R-LINEAGE", "Another version of its lineage is promoted by a reviewer's decision, and only a"
                + " reviewer replaces it: promoting this one supersedes that one; the reason names it.");
        MEANING.put("R-PROTECTED", "The row was decided by a person or is final, and the pipeline will not change it:"
                + " the new input is not applied, and dropping it again only holds it again.");
    }

    /** Metadata that cannot be registered as it is: only corrected fields resolve it. */
    private static final Set<String> UNFIT = Set.of("V-SCHEMA", "A-CONFLICT", "A-UNPARSEABLE");
    private static final String WHO = " --reviewer NAME --note TEXT";

    /**
     * One step: words, and where there is one, the command that does it and the words after it.
     * Kept apart so that a ticket can show the command as code and the words as text.
     */
    public record Step(String words, String command, String after) {
        static Step words(String words) {
            return new Step(words, null, null);
        }

        /** The step on one line, as the ticket's JSON and a terminal show it. */
        public String plain() {
            return render(UnaryOperator.identity(), UnaryOperator.identity());
        }

        /** The step with its words and its command each shown as {@code words} and {@code command} write them. */
        public String render(UnaryOperator<String> words, UnaryOperator<String> command) {
            StringBuilder line = new StringBuilder(words.apply(this.words));
            if (this.command != null) {
                line.append(' ').append(command.apply(this.command));
            }
            if (after != null) {
                line.append(' ').append(words.apply(after));
            }
            return line.toString();
        }
    }

    private NextSteps() {
    }

    /**
     * The steps for a held artifact.
     *
     * @param fromDatabase  whether it came from the database (else from an inbox file)
     * @param reasonCodes   the codes of the reasons it is held for
     */
    public static List<Step> of(String id, boolean fromDatabase, List<String> reasonCodes) {
        List<Step> steps = new ArrayList<>();
        MEANING.forEach((code, meaning) -> {
            if (reasonCodes.contains(code)) {
                steps.add(Step.words(meaning));
            }
        });
        String decide = "modelgate review decide " + id;
        boolean unfit = reasonCodes.stream().anyMatch(UNFIT::contains);
        if (reasonCodes.contains("R-PROTECTED") && !unfit) {
            steps.add(new Step("To take the new input, decide with the fields to take from the normalized metadata"
                    + " below in FILE (a JSON object):", decide + " --promote|--candidate" + WHO + " --metadata FILE", null));
            steps.add(new Step("To keep the row as it is, decide again with its state now, which closes this ticket:",
                    decide + " --promote|--candidate|--reject|--supersede" + WHO, null));
        } else if (unfit) {
            steps.add(new Step("Decide with the corrected fields in FILE, a JSON object (a null value removes a field):",
                    decide + " --promote|--candidate" + WHO + " --metadata FILE", null));
            steps.add(correctTheInput(id, fromDatabase));
            steps.add(new Step("Or reject it:", decide + " --reject" + WHO, null));
        } else {
            steps.add(new Step("To accept it as it is (the held document, unchanged"
                    + (reasonCodes.contains("A-REF") ? "; the row then names no base model" : "") + "):",
                    decide + " --promote|--candidate --accept-as-is" + WHO, null));
            steps.add(new Step("Or decide with corrected fields in FILE, a JSON object:",
                    decide + " --promote|--candidate|--reject" + WHO + " --metadata FILE", null));
            steps.add(correctTheInput(id, fromDatabase));
        }
        steps.add(new Step("A decision file does the same:", ReviewQueueLayout.DECISIONS + "/" + id + ".json",
                "in the review queue, with id, decision, reviewer, note and, if need be, metadata."));
        steps.add(Step.words("This ticket is replaced if the artifact is held again, and moves to "
                + ReviewQueueLayout.RESOLVED + "/ once it is registered or decided."));
        return steps;
    }

    /** Correcting the input where it came from: the artifacts row, or the inbox file. */
    private static Step correctTheInput(String id, boolean fromDatabase) {
        return fromDatabase
                ? new Step("Or correct the artifact's metadata in the artifacts table, in the row", id,
                        "and set updated_at = now(): the next scan picks it up.")
                : new Step("Or drop the corrected file, with the id", id,
                        "unchanged, into the inbox again: the next poll picks it up.");
    }
}
