package io.headrecon.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.headrecon.pipelines.ReconstructHeadsOptions;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The checks pass on terraform/*.tf, and each one catches a configuration that breaks it. */
class TerraformChecksTest {

  private static TerraformConfig config;
  private static Set<String> optionNames;

  @BeforeAll
  static void load() throws IOException {
    config = TerraformConfig.load(TerraformFolder.path());
    optionNames = PipelineOptionsContract.options(ReconstructHeadsOptions.class).keySet();
  }

  // --- Variables ---------------------------------------------------------------------------

  @Test
  void everyReferencedVariableIsDeclaredAndEveryDeclaredOneIsUsed() {
    assertThat(config.referencedVariables()).isNotEmpty();
    assertThat(TerraformChecks.undeclaredVariables(config)).isEmpty();
    assertThat(TerraformChecks.unusedVariables(config)).isEmpty();
    assertThat(TerraformChecks.undocumentedVariables(config)).isEmpty();
  }

  @Test
  void variableChecksCatchUndeclaredUnusedAndUndocumentedVariables() {
    TerraformConfig bad =
        TerraformConfig.of(
            """
            variable "region" {
              description = "Region."
              type        = string
            }
            variable "spare" {
              type = number
            }
            resource "google_storage_bucket" "b" {
              name     = "x-${var.regoin}"
              location = var.region
              labels   = { for k, v in var.labels : k => v }
            }
            """);

    assertThat(TerraformChecks.undeclaredVariables(bad))
        .containsExactly(
            "var.labels is referenced but no variable \"labels\" declares it",
            "var.regoin is referenced but no variable \"regoin\" declares it");
    assertThat(TerraformChecks.unusedVariables(bad))
        .containsExactly("variable \"spare\" is declared but var.spare is never used");
    assertThat(TerraformChecks.undocumentedVariables(bad))
        .containsExactly("snippet.tf: variable \"spare\" has no description");
  }

  @Test
  void everyPipelineOptionHasAVariableOfTheSameNameInSnakeCase() {
    for (String option : optionNames) {
      assertThat(config.declaredVariables())
          .as("variable for pipeline option --%s", option)
          .contains(PipelineOptionsContract.snakeCase(option));
    }
    assertThat(config.declaredVariables())
        .contains("project", "region", "max_num_workers", "worker_machine_type");
  }

  // --- IAM ---------------------------------------------------------------------------------

  @Test
  void nothingIsGrantedToTheWholeInternetAndNoPrimitiveRoleIsUsed() {
    assertThat(config.resources("google_storage_bucket_iam_member")).isNotEmpty();
    assertThat(TerraformChecks.publicPrincipals(config)).isEmpty();
    assertThat(TerraformChecks.primitiveRoles(config)).isEmpty();
  }

  @Test
  void publicAndPrimitiveGrantsAreCaught() {
    TerraformConfig bad =
        TerraformConfig.of(
            """
            resource "google_storage_bucket_iam_member" "public" {
              bucket = google_storage_bucket.outputs.name
              role   = "roles/storage.objectViewer"
              member = "allUsers"
            }
            resource "google_storage_bucket_iam_binding" "signed_in" {
              bucket  = google_storage_bucket.inputs.name
              role    = "roles/storage.objectViewer"
              members = ["user:a@example.com", "allAuthenticatedUsers"]
            }
            resource "google_project_iam_member" "too_much" {
              project = "p"
              role    = "roles/editor"
              member  = "group:ops@example.com"
            }
            """);

    assertThat(TerraformChecks.publicPrincipals(bad))
        .containsExactlyInAnyOrder(
            "snippet.tf grants to allUsers: \"allUsers\"",
            "snippet.tf grants to allAuthenticatedUsers: \"allAuthenticatedUsers\"");
    assertThat(TerraformChecks.primitiveRoles(bad))
        .containsExactly(
            "snippet.tf: resource \"google_project_iam_member\" \"too_much\""
                + " grants the primitive role roles/editor");
  }

  @Test
  void theWorkerAccountHoldsOnlyDataflowWorkerAtProjectLevelAndNoPrimitiveRole() {
    assertThat(TerraformChecks.workerAccountProblems(config, "worker")).isEmpty();
  }

  @Test
  void workerAccountCheckCatchesPrimitiveAndProjectWideRoles() {
    TerraformConfig bad =
        TerraformConfig.of(
            """
            resource "google_service_account" "worker" {
              account_id = "w"
            }
            resource "google_project_iam_member" "ok" {
              project = "p"
              role    = "roles/dataflow.worker"
              member  = "serviceAccount:${google_service_account.worker.email}"
            }
            resource "google_project_iam_member" "storage_everywhere" {
              project = "p"
              role    = "roles/storage.objectAdmin"
              member  = "serviceAccount:${google_service_account.worker.email}"
            }
            resource "google_storage_bucket_iam_binding" "owner" {
              bucket  = "b"
              role    = "roles/owner"
              members = ["serviceAccount:${google_service_account.worker.email}"]
            }
            resource "google_project_iam_member" "someone_else" {
              project = "p"
              role    = "roles/storage.admin"
              member  = "serviceAccount:${google_service_account.other.email}"
            }
            """);

    assertThat(TerraformChecks.workerAccountProblems(bad, "worker"))
        .containsExactly(
            "snippet.tf: resource \"google_project_iam_member\" \"storage_everywhere\" gives"
                + " google_service_account.worker the project-wide role roles/storage.objectAdmin;"
                + " grant it on the resource (bucket, repository) instead",
            "snippet.tf: resource \"google_storage_bucket_iam_binding\" \"owner\" gives"
                + " google_service_account.worker the primitive role roles/owner");
    assertThat(TerraformChecks.workerAccountProblems(bad, "missing"))
        .containsExactly("there is no resource \"google_service_account\" \"missing\"");
  }

  // --- Buckets -----------------------------------------------------------------------------

  @Test
  void bucketsAreUniformNonPublicOutputsVersionedAndTempExpiring() {
    assertThat(TerraformChecks.bucketProblems(config, Set.of("outputs"), Set.of("temp"))).isEmpty();
  }

  @Test
  void bucketCheckCatchesAclsPublicAccessNoVersioningAndNoExpiry() {
    TerraformConfig bad =
        TerraformConfig.of(
            """
            resource "google_storage_bucket" "outputs" {
              name                        = "o"
              uniform_bucket_level_access = false
              public_access_prevention    = "inherited"
              versioning {
                enabled = false
              }
            }
            resource "google_storage_bucket" "temp" {
              name                        = "t"
              uniform_bucket_level_access = true
              public_access_prevention    = "enforced"
              lifecycle_rule {
                condition {
                  age = 7
                }
                action {
                  type = "SetStorageClass"
                }
              }
            }
            """);

    assertThat(TerraformChecks.bucketProblems(bad, Set.of("outputs"), Set.of("temp")))
        .containsExactly(
            "snippet.tf: resource \"google_storage_bucket\" \"outputs\""
                + " needs uniform_bucket_level_access = true",
            "snippet.tf: resource \"google_storage_bucket\" \"outputs\""
                + " needs public_access_prevention = \"enforced\"",
            "snippet.tf: resource \"google_storage_bucket\" \"outputs\""
                + " needs versioning { enabled = true }",
            "snippet.tf: resource \"google_storage_bucket\" \"temp\""
                + " needs a lifecycle_rule that deletes objects by age");
  }

  // --- Dataflow launch and schedule --------------------------------------------------------

  @Test
  void flexTemplateJobUsesPrivateGpuWorkersAndPassesExactlyThePipelineOptions() {
    assertThat(TerraformChecks.flexTemplateJobProblems(config, optionNames)).isEmpty();
  }

  @Test
  void flexTemplateJobCheckCatchesPublicIpsMissingGpusAndUnknownParameters() {
    TerraformConfig bad =
        TerraformConfig.of(
            """
            locals {
              common = { input = "gs://i", output = "gs://o" }
            }
            resource "google_compute_subnetwork" "s" {
              name                     = "s"
              private_ip_google_access = false
            }
            resource "google_dataflow_flex_template_job" "j" {
              ip_configuration       = "WORKER_IP_PUBLIC"
              subnetwork             = google_compute_subnetwork.s.self_link
              additional_experiments = ["worker_accelerator=type:nvidia-tesla-t4;count:1"]
              machine_type           = "n1-standard-8"
              max_workers            = 2
              service_account_email  = "w@p.iam.gserviceaccount.com"
              temp_location          = "gs://t/tmp"
              parameters             = merge(local.common, { gpus = "1" })
            }
            """);

    assertThat(TerraformChecks.flexTemplateJobProblems(bad, Set.of("input", "output", "model")))
        .containsExactly(
            "snippet.tf: resource \"google_dataflow_flex_template_job\" \"j\""
                + " needs ip_configuration = \"WORKER_IP_PRIVATE\"",
            "snippet.tf: resource \"google_compute_subnetwork\" \"s\""
                + " needs private_ip_google_access = true",
            "snippet.tf: resource \"google_dataflow_flex_template_job\" \"j\""
                + " needs worker_accelerator=type:...;count:...;install-nvidia-driver"
                + " in additional_experiments",
            "snippet.tf: resource \"google_dataflow_flex_template_job\" \"j\" parameters"
                + " lack the pipeline options [model]",
            "snippet.tf: resource \"google_dataflow_flex_template_job\" \"j\" parameters"
                + " name [gpus], which are not pipeline options");
  }

  @Test
  void nightlyScheduleLaunchesPrivateGpuWorkersWithExactlyThePipelineOptions() {
    assertThat(TerraformChecks.nightlyLaunchProblems(config, optionNames)).isEmpty();
  }

  @Test
  void nightlyCheckCatchesAnUnauthenticatedSchedulerAndABadLaunchRequest() {
    TerraformConfig bad =
        TerraformConfig.of(
            """
            locals {
              environment = {
                ipConfiguration       = "WORKER_IP_UNSPECIFIED"
                additionalExperiments = ["use_runner_v2"]
                machineType           = "n1-standard-8"
              }
              workflow = {
                steps = [{
                  launch = {
                    body = {
                      launchParameter = {
                        parameters  = { input = "$${in}" }
                        environment = local.environment
                      }
                    }
                  }
                }]
              }
            }
            resource "google_cloud_scheduler_job" "nightly" {
              schedule = "0 2 * * *"
              http_target {
                uri = "https://example.invalid/"
              }
            }
            """);

    assertThat(TerraformChecks.nightlyLaunchProblems(bad, Set.of("input", "output")))
        .containsExactly(
            "snippet.tf: resource \"google_cloud_scheduler_job\" \"nightly\""
                + " needs an http_target with an oauth_token",
            "the nightly launch needs environment.ipConfiguration = WORKER_IP_PRIVATE",
            "the nightly launch needs worker_accelerator in additionalExperiments",
            "the nightly launch environment needs maxWorkers",
            "the nightly launch environment needs serviceAccountEmail",
            "the nightly launch environment needs subnetwork",
            "the nightly launch parameters lack the pipeline options [output]");
  }
}
