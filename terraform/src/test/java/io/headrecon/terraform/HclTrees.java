package io.headrecon.terraform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openrewrite.hcl.HclIsoVisitor;
import org.openrewrite.hcl.tree.BodyContent;
import org.openrewrite.hcl.tree.Expression;
import org.openrewrite.hcl.tree.Hcl;
import org.openrewrite.hcl.tree.Label;

/** Small read-only queries on HCL syntax trees. */
final class HclTrees {

  private HclTrees() {}

  /** The text of a block label ({@code resource "TYPE" "NAME"}), or "" when it is not a string. */
  static String label(Hcl.Block block, int index) {
    if (index >= block.getLabels().size()) {
      return "";
    }
    Label label = block.getLabels().get(index);
    if (label instanceof Hcl.Literal literal) {
      return String.valueOf(literal.getValue());
    }
    if (label instanceof Hcl.Identifier identifier) {
      return identifier.getName();
    }
    return "";
  }

  /** The name of an attribute or object key: {@code name = ...} or {@code "name" = ...}. */
  static String keyName(Hcl.Attribute attribute) {
    Expression name = attribute.getName();
    if (name instanceof Hcl.Identifier identifier) {
      return identifier.getName();
    }
    return stringValue(name).orElse("");
  }

  /** The value of the attribute {@code name} directly in {@code block}'s body. */
  static Optional<Expression> attribute(Hcl.Block block, String name) {
    for (BodyContent content : block.getBody()) {
      if (content instanceof Hcl.Attribute attribute && keyName(attribute).equals(name)) {
        return Optional.of(attribute.getValue());
      }
    }
    return Optional.empty();
  }

  /** Blocks of {@code type} directly in {@code block}'s body, such as {@code versioning}. */
  static List<Hcl.Block> nestedBlocks(Hcl.Block block, String type) {
    List<Hcl.Block> found = new ArrayList<>();
    for (BodyContent content : block.getBody()) {
      if (content instanceof Hcl.Block nested && nested.getType().getName().equals(type)) {
        found.add(nested);
      }
    }
    return found;
  }

  /** A constant string: {@code "text"} without interpolation. */
  static Optional<String> stringValue(Expression expression) {
    if (expression instanceof Hcl.Literal literal && literal.getValue() instanceof String text) {
      return Optional.of(text);
    }
    if (expression instanceof Hcl.QuotedTemplate template) {
      if (template.getExpressions().isEmpty()) {
        return Optional.of("");
      }
      if (template.getExpressions().size() == 1
          && template.getExpressions().get(0) instanceof Hcl.Literal literal) {
        return Optional.of(String.valueOf(literal.getValue()));
      }
    }
    return Optional.empty();
  }

  /** A constant boolean or number, or a constant string. */
  static Optional<Object> constant(Expression expression) {
    if (expression instanceof Hcl.Literal literal) {
      return Optional.ofNullable(literal.getValue());
    }
    return stringValue(expression).map(text -> text);
  }

  /**
   * Every reference path in a tree, such as {@code var.region}, {@code local.labels} or {@code
   * google_service_account.worker.email} (and each of its prefixes).
   */
  static Set<String> references(org.openrewrite.hcl.tree.Hcl tree) {
    Set<String> found = new LinkedHashSet<>();
    new HclIsoVisitor<Set<String>>() {
      @Override
      public Hcl.AttributeAccess visitAttributeAccess(
          Hcl.AttributeAccess access, Set<String> into) {
        referencePath(access).ifPresent(into::add);
        return super.visitAttributeAccess(access, into);
      }
    }.visit(tree, found);
    return found;
  }

  private static Optional<String> referencePath(Expression expression) {
    if (expression instanceof Hcl.VariableExpression variable) {
      return Optional.of(variable.getName().getName());
    }
    if (expression instanceof Hcl.AttributeAccess access) {
      return referencePath(access.getAttribute())
          .map(prefix -> prefix + "." + access.getType().getName());
    }
    return Optional.empty();
  }

  /**
   * The text fragments of every string in a tree: constant strings, and the constant parts of
   * quoted and heredoc templates.
   */
  static List<String> stringFragments(org.openrewrite.hcl.tree.Hcl tree) {
    List<String> found = new ArrayList<>();
    new HclIsoVisitor<List<String>>() {
      @Override
      public Hcl.Literal visitLiteral(Hcl.Literal literal, List<String> into) {
        if (literal.getValue() instanceof String text) {
          into.add(text);
        }
        return super.visitLiteral(literal, into);
      }
    }.visit(tree, found);
    return found;
  }

  /** Values of every attribute or object key named {@code name} anywhere in a tree. */
  static List<Expression> attributesNamed(org.openrewrite.hcl.tree.Hcl tree, String name) {
    List<Expression> found = new ArrayList<>();
    new HclIsoVisitor<List<Expression>>() {
      @Override
      public Hcl.Attribute visitAttribute(Hcl.Attribute attribute, List<Expression> into) {
        if (keyName(attribute).equals(name)) {
          into.add(attribute.getValue());
        }
        return super.visitAttribute(attribute, into);
      }
    }.visit(tree, found);
    return found;
  }

  /**
   * The keys an object-valued expression can have: the keys of every object constructor in it
   * (through {@code merge(...)}, conditionals and parentheses), following {@code local.NAME}
   * references into {@code locals}. Keys of objects nested as values are not included.
   */
  static Set<String> objectKeys(Expression expression, Map<String, Expression> locals) {
    Set<String> keys = new LinkedHashSet<>();
    collectObjectKeys(expression, locals, keys, 0);
    return keys;
  }

  private static void collectObjectKeys(
      Expression expression, Map<String, Expression> locals, Set<String> into, int depth) {
    if (depth > 20) {
      throw new IllegalStateException("local values refer to each other in a cycle");
    }
    if (expression instanceof Hcl.ObjectValue object) {
      for (Expression element : object.getAttributes()) {
        if (element instanceof Hcl.Attribute attribute) {
          into.add(keyName(attribute));
        }
      }
    } else if (expression instanceof Hcl.FunctionCall call) {
      for (Expression argument : call.getVariables()) {
        collectObjectKeys(argument, locals, into, depth + 1);
      }
    } else if (expression instanceof Hcl.Conditional conditional) {
      collectObjectKeys(conditional.getTruePart(), locals, into, depth + 1);
      collectObjectKeys(conditional.getFalsePart(), locals, into, depth + 1);
    } else if (expression instanceof Hcl.Parentheses parentheses) {
      collectObjectKeys(parentheses.getExpression(), locals, into, depth + 1);
    } else if (expression instanceof Hcl.AttributeAccess access) {
      referencePath(access)
          .filter(path -> path.startsWith("local."))
          .map(path -> locals.get(path.substring("local.".length())))
          .ifPresent(value -> collectObjectKeys(value, locals, into, depth + 1));
    }
  }

  /**
   * Renders an expression as text for pattern checks: constant parts as they are, interpolations of
   * {@code local.NAME} replaced by that local's rendering, other interpolations as {@code ${...}};
   * tuples render as their elements joined by newlines.
   */
  static String render(Expression expression, Map<String, Expression> locals) {
    return render(expression, locals, 0);
  }

  private static String render(Expression expression, Map<String, Expression> locals, int depth) {
    if (depth > 20) {
      throw new IllegalStateException("local values refer to each other in a cycle");
    }
    if (expression instanceof Hcl.Literal literal) {
      return String.valueOf(literal.getValue());
    }
    if (expression instanceof Hcl.QuotedTemplate template) {
      StringBuilder text = new StringBuilder();
      for (Expression part : template.getExpressions()) {
        text.append(render(part, locals, depth + 1));
      }
      return text.toString();
    }
    if (expression instanceof Hcl.TemplateInterpolation interpolation) {
      return render(interpolation.getExpression(), locals, depth + 1);
    }
    if (expression instanceof Hcl.Tuple tuple) {
      List<String> elements = new ArrayList<>();
      for (Expression element : tuple.getValues()) {
        elements.add(render(element, locals, depth + 1));
      }
      return String.join("\n", elements);
    }
    if (expression instanceof Hcl.AttributeAccess access) {
      Optional<Expression> local =
          referencePath(access)
              .filter(path -> path.startsWith("local."))
              .map(path -> locals.get(path.substring("local.".length())));
      if (local.isPresent()) {
        return render(local.get(), locals, depth + 1);
      }
    }
    return "${...}";
  }
}
