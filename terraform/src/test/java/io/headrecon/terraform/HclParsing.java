package io.headrecon.terraform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openrewrite.ExecutionContext;
import org.openrewrite.InMemoryExecutionContext;
import org.openrewrite.ParseExceptionResult;
import org.openrewrite.Parser;
import org.openrewrite.SourceFile;
import org.openrewrite.hcl.HclParser;
import org.openrewrite.hcl.tree.Hcl;

/**
 * Parses HCL2 (Terraform) text with OpenRewrite's HCL parser, an ANTLR implementation of the HCL2
 * native syntax (blocks, expressions, templates, heredocs, for and splat expressions).
 */
final class HclParsing {

  private HclParsing() {}

  /**
   * Parses one file.
   *
   * @param fileName name used in error messages
   * @param source the file's text
   * @return the syntax tree, which prints back to exactly {@code source}
   * @throws IllegalArgumentException naming the file and the parser's message when the text is not
   *     valid HCL2
   */
  static Hcl.ConfigFile parse(String fileName, String source) {
    List<Throwable> errors = new ArrayList<>();
    ExecutionContext context = new InMemoryExecutionContext(errors::add);
    List<SourceFile> parsed =
        HclParser.builder()
            .build()
            .parseInputs(List.of(Parser.Input.fromString(Path.of(fileName), source)), null, context)
            .toList();
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          fileName + " is not valid HCL2: " + errors.get(0).getMessage(), errors.get(0));
    }
    if (parsed.size() != 1 || !(parsed.get(0) instanceof Hcl.ConfigFile config)) {
      String reason =
          parsed.isEmpty()
              ? "the parser returned nothing"
              : parsed
                  .get(0)
                  .getMarkers()
                  .findFirst(ParseExceptionResult.class)
                  .map(ParseExceptionResult::getMessage)
                  .orElse("the parser returned " + parsed.get(0).getClass().getSimpleName());
      throw new IllegalArgumentException(fileName + " is not valid HCL2: " + reason);
    }
    if (!config.printAll().equals(source)) {
      throw new IllegalArgumentException(
          fileName + " is not valid HCL2: its syntax tree does not print back to the source");
    }
    return config;
  }
}
