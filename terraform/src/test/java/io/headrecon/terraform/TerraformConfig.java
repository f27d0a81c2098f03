package io.headrecon.terraform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.openrewrite.hcl.tree.BodyContent;
import org.openrewrite.hcl.tree.Expression;
import org.openrewrite.hcl.tree.Hcl;

/**
 * The .tf files of one Terraform root module (one folder, not its sub-folders), parsed, with the
 * queries the checks need.
 */
final class TerraformConfig {

  /** A top-level block and the file it is in. */
  record Block(String file, Hcl.Block tree) {

    /** {@code resource}, {@code variable}, {@code locals}, ... */
    String type() {
      return tree.getType().getName();
    }

    /** Label {@code index}: {@code resource "TYPE" "NAME"} has TYPE at 0 and NAME at 1. */
    String label(int index) {
      return HclTrees.label(tree, index);
    }

    /** Where the block is, for messages: {@code iam.tf: resource "TYPE" "NAME"}. */
    String where() {
      StringBuilder text = new StringBuilder(file + ": " + type());
      for (int i = 0; i < tree.getLabels().size(); i++) {
        text.append(" \"").append(label(i)).append('"');
      }
      return text.toString();
    }
  }

  private final Map<String, Hcl.ConfigFile> files;

  private TerraformConfig(Map<String, Hcl.ConfigFile> files) {
    this.files = files;
  }

  /**
   * Parses every {@code *.tf} file directly in {@code folder}.
   *
   * @throws IllegalArgumentException when a file is not valid HCL2, or there is none
   */
  static TerraformConfig load(Path folder) throws IOException {
    Map<String, String> sources = new LinkedHashMap<>();
    try (Stream<Path> listing = Files.list(folder)) {
      for (Path file : listing.sorted().toList()) {
        if (Files.isRegularFile(file) && file.getFileName().toString().endsWith(".tf")) {
          sources.put(
              file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    }
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("no .tf file in " + folder.toAbsolutePath());
    }
    return of(sources);
  }

  /** Parses files given as name to text. */
  static TerraformConfig of(Map<String, String> sources) {
    Map<String, Hcl.ConfigFile> parsed = new LinkedHashMap<>();
    sources.forEach((name, text) -> parsed.put(name, HclParsing.parse(name, text)));
    return new TerraformConfig(parsed);
  }

  /** Parses one snippet, named {@code snippet.tf}. */
  static TerraformConfig of(String source) {
    return of(Map.of("snippet.tf", source));
  }

  Set<String> fileNames() {
    return files.keySet();
  }

  /** The parsed files, by name. */
  Map<String, Hcl.ConfigFile> files() {
    return files;
  }

  /** Top-level blocks of one type, in file order. */
  List<Block> blocks(String type) {
    List<Block> found = new ArrayList<>();
    files.forEach(
        (name, file) -> {
          for (BodyContent content : file.getBody()) {
            if (content instanceof Hcl.Block block && block.getType().getName().equals(type)) {
              found.add(new Block(name, block));
            }
          }
        });
    return found;
  }

  /** {@code resource "TYPE" ...} blocks. */
  List<Block> resources(String resourceType) {
    return blocks("resource").stream().filter(b -> b.label(0).equals(resourceType)).toList();
  }

  /** The {@code resource "TYPE" "NAME"} block. */
  Optional<Block> resource(String resourceType, String name) {
    return resources(resourceType).stream().filter(b -> b.label(1).equals(name)).findFirst();
  }

  /** Names of the {@code variable "NAME"} blocks. */
  Set<String> declaredVariables() {
    Set<String> names = new TreeSet<>();
    for (Block block : blocks("variable")) {
      names.add(block.label(0));
    }
    return names;
  }

  /** Names X of every {@code var.X} reference in any file. */
  Set<String> referencedVariables() {
    Set<String> names = new TreeSet<>();
    for (Hcl.ConfigFile file : files.values()) {
      for (String path : HclTrees.references(file)) {
        String[] parts = path.split("\\.");
        if (parts.length >= 2 && parts[0].equals("var")) {
          names.add(parts[1]);
        }
      }
    }
    return names;
  }

  /** Every {@code locals { NAME = ... }} entry of every file. */
  Map<String, Expression> locals() {
    Map<String, Expression> values = new LinkedHashMap<>();
    for (Block block : blocks("locals")) {
      for (BodyContent content : block.tree().getBody()) {
        if (content instanceof Hcl.Attribute attribute) {
          values.put(HclTrees.keyName(attribute), attribute.getValue());
        }
      }
    }
    return values;
  }

  /** Reference paths in a block, such as {@code google_service_account.worker.email}. */
  static Set<String> referencesIn(Block block) {
    return new LinkedHashSet<>(HclTrees.references(block.tree()));
  }
}
