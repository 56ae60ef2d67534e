package io.modelgate.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.model.FieldError;
import io.modelgate.model.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The escaping rules of {@link Markdown}, one by one; plain values come out as they went in. */
class MarkdownTest {
    @Test
    void plainTextAndFieldNamesStayAsTheyAre() {
        assertThat(Markdown.text("metadata has both framework = \"lightgbm\" and library = \"catboost\""))
                .isEqualTo("metadata has both framework = \"lightgbm\" and library = \"catboost\"");
        assertThat(Markdown.text("/external_source_version: an external model must name the exact upstream version"))
                .isEqualTo("/external_source_version: an external model must name the exact upstream version");
        assertThat(Markdown.text("Microglial Activation ODE (TREM2/APOE/IL-6)")).isEqualTo("Microglial Activation ODE (TREM2/APOE/IL-6)");
        assertThat(Markdown.text("the scan: 7 row(s) not settled, 1.5 s")).isEqualTo("the scan: 7 row(s) not settled, 1.5 s");
        assertThat(Markdown.text(null)).isEmpty();
    }

    @Test
    void textIsOneLineWithControlsShownAndEndsTrimmed() {
        assertThat(Markdown.text("Title\r\n\r\n# Heading\t\tx")).isEqualTo("Title \\# Heading x");
        assertThat(Markdown.text("\n  padded  \n")).isEqualTo("padded");
        assertThat(Markdown.text("a\u0000b\u001Bc\u202Ed")).isEqualTo("a\\u0000b\\u001bc\\u202ed");
        assertThat(Markdown.text("x\u2028y\u2029z\u0085w")).isEqualTo("x y z w");
    }

    @Test
    void htmlBecomesEntitiesAndMarkupIsBackslashed() {
        assertThat(Markdown.text("<script>alert(1)</script>")).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Markdown.text("<!-- hidden")).isEqualTo("&lt;\\!-- hidden");
        assertThat(Markdown.text("&amp;")).isEqualTo("&amp;amp;");
        assertThat(Markdown.text("![img](http://evil/x.png)")).isEqualTo("\\!\\[img\\](http://evil/x.png)");
        assertThat(Markdown.text("**bold** ~~gone~~ `code` a|b \\")).isEqualTo("\\*\\*bold\\*\\* \\~\\~gone\\~\\~ \\`code\\` a\\|b \\\\");
        assertThat(Markdown.text("Title ##")).isEqualTo("Title \\#\\#");
    }

    @Test
    void underscoresAreEscapedOnlyWhereTheyCouldMakeEmphasis() {
        assertThat(Markdown.text("is_external")).isEqualTo("is_external");
        assertThat(Markdown.text("_x_ and __y__ a_")).isEqualTo("\\_x\\_ and \\_\\_y\\_\\_ a\\_");
    }

    @Test
    void aLeadingListMarkerIsEscapedAndOnlyThere() {
        assertThat(Markdown.text("- item")).isEqualTo("\\- item");
        assertThat(Markdown.text("+ item")).isEqualTo("\\+ item");
        assertThat(Markdown.text("1. item")).isEqualTo("1\\. item");
        assertThat(Markdown.text("12) item")).isEqualTo("12\\) item");
        assertThat(Markdown.text("1.5 million")).isEqualTo("1.5 million");
        assertThat(Markdown.text("a - b + c")).isEqualTo("a - b + c");
        assertThat(Markdown.text("> quote")).isEqualTo("&gt; quote");
    }

    @Test
    void dangerousSchemesLoseTheirColon() {
        assertThat(Markdown.text("javascript:alert(1)")).isEqualTo("javascript\\:alert(1)");
        assertThat(Markdown.text("DATA:text/html,<b>")).isEqualTo("DATA\\:text/html,&lt;b&gt;");
        assertThat(Markdown.text("x vbscript:y file:z metadata: ok")).isEqualTo("x vbscript\\:y file\\:z metadata: ok");
    }

    @Test
    void aCodeSpanIsFencedLongerThanAnyBacktickRunInside() {
        assertThat(Markdown.code("model-x")).isEqualTo("`model-x`");
        assertThat(Markdown.code("a`b``c```d")).isEqualTo("````a`b``c```d````");
        assertThat(Markdown.code("`x")).isEqualTo("`` `x ``");
        assertThat(Markdown.code("x`")).isEqualTo("`` x` ``");
        assertThat(Markdown.code(" x ")).isEqualTo("`  x  `");
        assertThat(Markdown.code("<script>")).isEqualTo("`<script>`");
        assertThat(Markdown.code("a\nb\r\tc\u0000")).isEqualTo("`a\\nb\\r\\tc\\u0000`");
        assertThat(Markdown.code(null)).isEqualTo("` `");
    }

    @Test
    void aCodeSpanInATableCellEscapesItsPipes() {
        assertThat(Markdown.codeInCell("a|b")).isEqualTo("`a\\|b`");
        assertThat(Markdown.code("a|b")).isEqualTo("`a|b`");
    }

    @Test
    void aFenceIsLongerThanAnyBacktickRunInTheBlock() {
        assertThat(Markdown.fenced("{\"a\": 1}", "json")).isEqualTo("```json\n{\"a\": 1}\n```\n");
        assertThat(Markdown.fenced("x\n```\n# y\n`````", "text")).isEqualTo("``````text\nx\n```\n# y\n`````\n``````\n");
        assertThat(Markdown.fenced("a\r\nb\rc\u2028d\u202Ee", "text")).isEqualTo("```text\na\nb\nc\\u2028d\\u202ee\n```\n");
    }

    @Test
    void reasonsAndErrorsEscapeTheirMessagesAndPaths() {
        assertThat(Markdown.reasons(List.of(new Reason("A-CONFLICT", "x\n# y"))))
                .isEqualTo("- **A-CONFLICT**: x \\# y\n");
        assertThat(Markdown.errorTable(List.of(new FieldError("/a|b", "c|d\ne"))))
                .isEqualTo("| field | problem |\n|---|---|\n| `/a\\|b` | c\\|d e |\n");
        assertThat(Markdown.errorTable(List.of(new FieldError("", "whole document"))))
                .endsWith("| `/` | whole document |\n");
    }
}
