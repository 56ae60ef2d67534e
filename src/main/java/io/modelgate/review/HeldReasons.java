package io.modelgate.review;

import io.modelgate.model.FieldError;
import io.modelgate.model.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * Each reason said once, with the fields it is about. The rules record a reason and, for the
 * field at fault, an error in the same words (A-CONFLICT, A-UNPARSEABLE, A-REF, A-UNPINNED), and
 * the schema check lists every schema error in its V-SCHEMA reason: printing reasons and errors
 * side by side says each thing twice. Here an error in the words of a reason becomes that
 * reason's field; the schema errors stay in the list of errors, and V-SCHEMA only counts them.
 *
 * @param reasons the reasons, in order, each with the fields it names
 * @param errors  the errors no reason says: the schema's, and any other
 */
public record HeldReasons(List<Said> reasons, List<FieldError> errors) {
    private static final String SCHEMA = "V-SCHEMA";

    /** A reason and the fields it is about (empty when it names none). */
    public record Said(Reason reason, List<String> fields) {
        public String code() {
            return reason.code();
        }

        public String message() {
            return reason.message();
        }
    }

    public static HeldReasons of(List<Reason> reasons, List<FieldError> errors) {
        List<FieldError> unsaid = new ArrayList<>(errors);
        List<Said> said = new ArrayList<>();
        for (Reason reason : reasons) {
            if (SCHEMA.equals(reason.code())) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            unsaid.removeIf(error -> error.message().equals(reason.message()) && fields.add(error.shownPath()));
            said.add(new Said(reason, fields));
        }
        for (int i = 0; i < reasons.size(); i++) {
            Reason reason = reasons.get(i);
            if (SCHEMA.equals(reason.code())) {
                String message = unsaid.isEmpty() ? reason.message()
                        : "the metadata does not satisfy schemas/model_artifact_metadata.json in " + unsaid.size()
                                + (unsaid.size() == 1 ? " field" : " fields") + ", listed under Errors";
                said.add(Math.min(i, said.size()), new Said(new Reason(reason.code(), message), List.of()));
            }
        }
        return new HeldReasons(said, unsaid);
    }
}
