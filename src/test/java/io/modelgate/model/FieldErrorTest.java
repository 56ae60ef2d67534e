package io.modelgate.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldErrorTest {
    @Test
    void theWholeDocumentIsShownAsASlash() {
        assertThat(new FieldError("", "m").shownPath()).isEqualTo("/");
        assertThat(new FieldError("/metadata/a~1b", "m").shownPath()).isEqualTo("/metadata/a~1b");
    }

    @Test
    void controlCharactersAndLineBreaksInAKeyAreShownEscaped() {
        assertThat(new FieldError("/metadata/a\u0000b", "m").shownPath()).isEqualTo("/metadata/a\\u0000b");
        assertThat(new FieldError("/metadata/line\nbreak", "m").shownPath()).isEqualTo("/metadata/line\\nbreak");
        assertThat(new FieldError("/metadata/x\r\ty", "m").shownPath()).isEqualTo("/metadata/x\\r\\ty");
        assertThat(new FieldError("/metadata/\u001b[31mred\u007f", "m").shownPath())
                .isEqualTo("/metadata/\\u001b[31mred\\u007f");
        assertThat(new FieldError("/metadata/next\u0085line\u2028sep", "m").shownPath())
                .isEqualTo("/metadata/next\\u0085line\\u2028sep");
        assertThat(new FieldError("/metadata/a\nb", "is wrong").toString()).isEqualTo("/metadata/a\\nb: is wrong")
                .doesNotContain("\n");
    }

    @Test
    void aLoneSurrogateIsShownAsItsEscapeSoThatThePointerCanBeWritten() {
        assertThat(new FieldError("/metadata/k\udbff", "m").shownPath()).isEqualTo("/metadata/k\\udbff");
        assertThat(Text.visible("a\udc00\ud83d\ude00\ud83d")).isEqualTo("a\\udc00\ud83d\ude00\\ud83d");
        assertThat(Text.validUnicode("ok \ud83d\ude00")).isEqualTo("ok \ud83d\ude00");
        // a value cut short never keeps half of a pair
        String cut = Text.shortened("x".repeat(56) + "\ud83d\ude00" + "y".repeat(10));
        assertThat(cut).isEqualTo("x".repeat(56) + "...");
    }

    @Test
    void printableTextIsLeftAsItIs() {
        assertThat(new FieldError("/metadata/caf\u00e9 \u2264 \ud83d\ude00", "m").shownPath())
                .isEqualTo("/metadata/caf\u00e9 \u2264 \ud83d\ude00");
        assertThat(Text.visible(null)).isNull();
    }
}
