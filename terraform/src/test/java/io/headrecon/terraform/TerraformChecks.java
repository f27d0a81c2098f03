package io.headrecon.terraform;

import io.headrecon.terraform.TerraformConfig.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.openrewrite.hcl.tree.Expression;
import org.openrewrite.hcl.tree.Hcl;

/**
 * Offline checks of the Terraform configuration. Each returns the problems it found, one readable
 * line each; an empty list means the check passed.
 */
final class TerraformChecks {

  /** Principals that make a resource public. */
  static final Set<String> PUBLIC_PRINCIPALS = Set.of("allUsers", "allAuthenticatedUsers");

  /** Basic (primitive) roles, which span every service of a project. */
  static final Set<String> PRIMITIVE_ROLES = Set.of("roles/owner", "roles/editor", "roles/viewer");

  /** The one project-level role the worker account may hold; object access is per bucket. */
  static final Set<String> WORKER_PROJECT_ROLES = Set.of("roles/dataflow.worker");

  /** The Dataflow service option that attaches GPUs and installs the driver. */
  static final Pattern WORKER_ACCELERATOR =
      Pattern.compile("worker_accelerator=type:[^;\\s]+;count:[^;\\s]+;install-nvidia-driver");

  private static final Pattern IAM_RESOURCE = Pattern.compile("google_.*_iam_(member|binding)");

  private TerraformChecks() {}

  /** Every {@code var.X} has a {@code variable "X"} block. */
  static List<String> undeclaredVariables(TerraformConfig config) {
    Set<String> undeclared = new TreeSet<>(config.referencedVariables());
    undeclared.removeAll(config.declaredVariables());
    return undeclared.stream()
        .map(name -> "var." + name + " is referenced but no variable \"" + name + "\" declares it")
        .toList();
  }

  /** Every {@code variable "X"} is referenced as {@code var.X} somewhere. */
  static List<String> unusedVariables(TerraformConfig config) {
    Set<String> unused = new TreeSet<>(config.declaredVariables());
    unused.removeAll(config.referencedVariables());
    return unused.stream()
        .map(name -> "variable \"" + name + "\" is declared but var." + name + " is never used")
        .toList();
  }

  /** Every variable has a non-empty description and a type. */
  static List<String> undocumentedVariables(TerraformConfig config) {
    List<String> problems = new ArrayList<>();
    for (Block variable : config.blocks("variable")) {
      boolean described =
          HclTrees.attribute(variable.tree(), "description")
              .flatMap(HclTrees::stringValue)
              .filter(text -> !text.isBlank())
              .isPresent();
      if (!described) {
        problems.add(variable.where() + " has no description");
      }
      if (HclTrees.attribute(variable.tree(), "type").isEmpty()) {
        problems.add(variable.where() + " has no type");
      }
    }
    return problems;
  }

  /** No string anywhere names allUsers or allAuthenticatedUsers (no public grant at all). */
  static List<String> publicPrincipals(TerraformConfig config) {
    List<String> problems = new ArrayList<>();
    config
        .files()
        .forEach(
            (file, tree) -> {
              for (String text : HclTrees.stringFragments(tree)) {
                for (String principal : PUBLIC_PRINCIPALS) {
                  if (text.contains(principal)) {
                    problems.add(file + " grants to " + principal + ": \"" + text + "\"");
                  }
                }
              }
            });
    return problems;
  }

  /** No IAM resource grants a primitive role to anyone. */
  static List<String> primitiveRoles(TerraformConfig config) {
    List<String> problems = new ArrayList<>();
    for (Block grant : iamGrants(config)) {
      for (String role : roles(grant)) {
        if (PRIMITIVE_ROLES.contains(role)) {
          problems.add(grant.where() + " grants the primitive role " + role);
        }
      }
    }
    return problems;
  }

  /**
   * The account {@code google_service_account.NAME} holds no primitive role, and at project level
   * only {@link #WORKER_PROJECT_ROLES}: object access must come from bucket-level grants.
   */
  static List<String> workerAccountProblems(TerraformConfig config, String accountName) {
    List<String> problems = new ArrayList<>();
    String account = "google_service_account." + accountName;
    if (config.resource("google_service_account", accountName).isEmpty()) {
      problems.add("there is no resource \"google_service_account\" \"" + accountName + "\"");
      return problems;
    }
    for (Block grant : iamGrants(config)) {
      Set<String> members = new TreeSet<>();
      HclTrees.attribute(grant.tree(), "member")
          .ifPresent(m -> members.addAll(HclTrees.references(m)));
      HclTrees.attribute(grant.tree(), "members")
          .ifPresent(m -> members.addAll(HclTrees.references(m)));
      if (members.stream().noneMatch(path -> path.startsWith(account + "."))) {
        continue;
      }
      for (String role : roles(grant)) {
        if (PRIMITIVE_ROLES.contains(role)) {
          problems.add(grant.where() + " gives " + account + " the primitive role " + role);
        } else if (grant.label(0).startsWith("google_project_iam_")
            && !WORKER_PROJECT_ROLES.contains(role)) {
          problems.add(
              grant.where()
                  + " gives "
                  + account
                  + " the project-wide role "
                  + role
                  + "; grant it on the resource (bucket, repository) instead");
        }
      }
    }
    return problems;
  }

  /**
   * Every bucket has uniform bucket-level access and enforced public access prevention; the buckets
   * named in {@code versioned} have versioning on; those in {@code expiring} have a lifecycle rule
   * that deletes objects by age.
   */
  static List<String> bucketProblems(
      TerraformConfig config, Set<String> versioned, Set<String> expiring) {
    List<String> problems = new ArrayList<>();
    List<Block> buckets = config.resources("google_storage_bucket");
    for (Block bucket : buckets) {
      if (!constantOf(bucket.tree(), "uniform_bucket_level_access").equals(Optional.of(true))) {
        problems.add(bucket.where() + " needs uniform_bucket_level_access = true");
      }
      if (!constantOf(bucket.tree(), "public_access_prevention").equals(Optional.of("enforced"))) {
        problems.add(bucket.where() + " needs public_access_prevention = \"enforced\"");
      }
      String name = bucket.label(1);
      if (versioned.contains(name)) {
        boolean on =
            HclTrees.nestedBlocks(bucket.tree(), "versioning").stream()
                .anyMatch(v -> constantOf(v, "enabled").equals(Optional.of(true)));
        if (!on) {
          problems.add(bucket.where() + " needs versioning { enabled = true }");
        }
      }
      if (expiring.contains(name)) {
        boolean deletes =
            HclTrees.nestedBlocks(bucket.tree(), "lifecycle_rule").stream()
                .anyMatch(
                    rule ->
                        HclTrees.nestedBlocks(rule, "action").stream()
                                .anyMatch(a -> constantOf(a, "type").equals(Optional.of("Delete")))
                            && HclTrees.nestedBlocks(rule, "condition").stream()
                                .anyMatch(c -> HclTrees.attribute(c, "age").isPresent()));
        if (!deletes) {
          problems.add(bucket.where() + " needs a lifecycle_rule that deletes objects by age");
        }
      }
    }
    Set<String> named = new TreeSet<>(versioned);
    named.addAll(expiring);
    for (String name : named) {
      if (config.resource("google_storage_bucket", name).isEmpty()) {
        problems.add("there is no resource \"google_storage_bucket\" \"" + name + "\"");
      }
    }
    return problems;
  }

  /**
   * Every Flex Template job runs on private worker IPs in a subnet with Private Google Access,
   * attaches GPUs through the worker_accelerator service option, sets machine type and maximum
   * workers, runs as a service account, and passes exactly the pipeline's options.
   */
  static List<String> flexTemplateJobProblems(TerraformConfig config, Set<String> optionNames) {
    List<String> problems = new ArrayList<>();
    Map<String, Expression> locals = config.locals();
    List<Block> jobs = config.resources("google_dataflow_flex_template_job");
    if (jobs.isEmpty()) {
      problems.add("there is no resource \"google_dataflow_flex_template_job\"");
    }
    for (Block job : jobs) {
      if (!constantOf(job.tree(), "ip_configuration").equals(Optional.of("WORKER_IP_PRIVATE"))) {
        problems.add(job.where() + " needs ip_configuration = \"WORKER_IP_PRIVATE\"");
      }
      problems.addAll(subnetworkProblems(config, job));
      String experiments =
          HclTrees.attribute(job.tree(), "additional_experiments")
              .map(e -> HclTrees.render(e, locals))
              .orElse("");
      if (!WORKER_ACCELERATOR.matcher(experiments).find()) {
        problems.add(
            job.where()
                + " needs worker_accelerator=type:...;count:...;install-nvidia-driver"
                + " in additional_experiments");
      }
      for (String required :
          List.of("machine_type", "max_workers", "service_account_email", "temp_location")) {
        if (HclTrees.attribute(job.tree(), required).isEmpty()) {
          problems.add(job.where() + " needs " + required);
        }
      }
      Set<String> keys =
          HclTrees.attribute(job.tree(), "parameters")
              .map(p -> HclTrees.objectKeys(p, locals))
              .orElse(Set.of());
      problems.addAll(parameterProblems(job.where() + " parameters", keys, optionNames));
    }
    return problems;
  }

  /**
   * The launch request the nightly workflow sends has private worker IPs, the worker_accelerator
   * option, and exactly the pipeline's options as parameters.
   */
  static List<String> nightlyLaunchProblems(TerraformConfig config, Set<String> optionNames) {
    List<String> problems = new ArrayList<>();
    Map<String, Expression> locals = config.locals();
    List<Block> schedulers = config.resources("google_cloud_scheduler_job");
    if (schedulers.isEmpty()) {
      problems.add("there is no resource \"google_cloud_scheduler_job\"");
    }
    for (Block scheduler : schedulers) {
      boolean oauth =
          HclTrees.nestedBlocks(scheduler.tree(), "http_target").stream()
              .anyMatch(t -> !HclTrees.nestedBlocks(t, "oauth_token").isEmpty());
      if (!oauth) {
        problems.add(scheduler.where() + " needs an http_target with an oauth_token");
      }
    }
    List<Expression> launches = new ArrayList<>();
    locals.values().forEach(v -> launches.addAll(HclTrees.attributesNamed(v, "launchParameter")));
    if (launches.isEmpty()) {
      problems.add("no local value holds a flexTemplates.launch launchParameter");
    }
    for (Expression launch : launches) {
      List<Expression> environments = HclTrees.attributesNamed(launch, "environment");
      if (environments.isEmpty()) {
        problems.add("the nightly launch has no environment");
      } else {
        Expression environment = resolve(environments.get(0), locals);
        if (!renderedAttribute(environment, "ipConfiguration", locals)
            .equals("WORKER_IP_PRIVATE")) {
          problems.add("the nightly launch needs environment.ipConfiguration = WORKER_IP_PRIVATE");
        }
        String experiments = renderedAttribute(environment, "additionalExperiments", locals);
        if (!WORKER_ACCELERATOR.matcher(experiments).find()) {
          problems.add("the nightly launch needs worker_accelerator in additionalExperiments");
        }
        Set<String> keys = HclTrees.objectKeys(environment, locals);
        for (String required :
            List.of("machineType", "maxWorkers", "serviceAccountEmail", "subnetwork")) {
          if (!keys.contains(required)) {
            problems.add("the nightly launch environment needs " + required);
          }
        }
      }
      List<Expression> parameters = HclTrees.attributesNamed(launch, "parameters");
      Set<String> keys =
          parameters.isEmpty() ? Set.of() : HclTrees.objectKeys(parameters.get(0), locals);
      problems.addAll(parameterProblems("the nightly launch parameters", keys, optionNames));
    }
    return problems;
  }

  private static String renderedAttribute(
      Expression object, String name, Map<String, Expression> locals) {
    return HclTrees.attributesNamed(object, name).stream()
        .map(e -> HclTrees.render(e, locals))
        .findFirst()
        .orElse("");
  }

  private static Expression resolve(Expression expression, Map<String, Expression> locals) {
    Set<String> paths = HclTrees.references(expression);
    if (expression instanceof Hcl.AttributeAccess && paths.size() == 1) {
      String path = paths.iterator().next();
      if (path.startsWith("local.") && locals.containsKey(path.substring(6))) {
        return resolve(locals.get(path.substring(6)), locals);
      }
    }
    return expression;
  }

  private static List<String> parameterProblems(
      String where, Set<String> keys, Set<String> optionNames) {
    List<String> problems = new ArrayList<>();
    Set<String> missing = new TreeSet<>(optionNames);
    missing.removeAll(keys);
    if (!missing.isEmpty()) {
      problems.add(where + " lack the pipeline options " + missing);
    }
    Set<String> unknown = new TreeSet<>(keys);
    unknown.removeAll(optionNames);
    if (!unknown.isEmpty()) {
      problems.add(where + " name " + unknown + ", which are not pipeline options");
    }
    return problems;
  }

  private static List<String> subnetworkProblems(TerraformConfig config, Block job) {
    Optional<String> subnet =
        HclTrees.attribute(job.tree(), "subnetwork").stream()
            .flatMap(e -> HclTrees.references(e).stream())
            .filter(path -> path.startsWith("google_compute_subnetwork."))
            .map(path -> path.split("\\.")[1])
            .findFirst();
    if (subnet.isEmpty()) {
      return List.of(job.where() + " needs subnetwork = google_compute_subnetwork.NAME.self_link");
    }
    Optional<Block> block = config.resource("google_compute_subnetwork", subnet.get());
    if (block.isEmpty()) {
      return List.of(job.where() + " uses the undeclared subnetwork " + subnet.get());
    }
    if (!constantOf(block.get().tree(), "private_ip_google_access").equals(Optional.of(true))) {
      return List.of(block.get().where() + " needs private_ip_google_access = true");
    }
    return List.of();
  }

  private static List<Block> iamGrants(TerraformConfig config) {
    return config.blocks("resource").stream()
        .filter(b -> IAM_RESOURCE.matcher(b.label(0)).matches())
        .toList();
  }

  private static List<String> roles(Block grant) {
    return HclTrees.attribute(grant.tree(), "role").stream()
        .map(role -> HclTrees.stringValue(role).orElse(HclTrees.render(role, Map.of())))
        .toList();
  }

  private static Optional<Object> constantOf(Hcl.Block block, String attribute) {
    return HclTrees.attribute(block, attribute).flatMap(HclTrees::constant);
  }
}
