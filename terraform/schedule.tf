# The nightly run. Cloud Scheduler can only send a fixed request body, so it cannot put
# today's date into the input prefix itself. It therefore starts a small Cloud Workflows
# workflow (HTTP target with an OAuth token of the scheduler account), and the workflow
# computes the date and calls the Dataflow flexTemplates.launch REST API, again with an
# OAuth token of the scheduler account.
#
# Input of the night: gs://<inputs>/<nightly_input_prefix>/<YYYY-MM-DD>
# Output:             gs://<outputs>/<nightly_output_prefix>/<YYYY-MM-DD>
# where YYYY-MM-DD is the scheduler's date in nightly_time_zone minus nightly_input_lag_days.
locals {
  # GPU families only fit some machine series: T4, P4, P100, V100 on N1; L4 on G2;
  # A100 on A2; H100 on A3.
  accelerator_machine_series = {
    "nvidia-tesla-t4"   = "n1-"
    "nvidia-tesla-p4"   = "n1-"
    "nvidia-tesla-p100" = "n1-"
    "nvidia-tesla-v100" = "n1-"
    "nvidia-l4"         = "g2-"
    "nvidia-tesla-a100" = "a2-"
    "nvidia-a100-80gb"  = "a2-"
    "nvidia-h100-80gb"  = "a3-"
  }

  nightly_environment = {
    serviceAccountEmail   = google_service_account.worker.email
    tempLocation          = local.temp_location
    stagingLocation       = local.staging_location
    sdkContainerImage     = local.image
    launcherMachineType   = var.launcher_machine_type
    machineType           = var.worker_machine_type
    maxWorkers            = var.max_num_workers
    additionalExperiments = local.additional_experiments
    ipConfiguration       = "WORKER_IP_PRIVATE"
    subnetwork            = google_compute_subnetwork.dataflow.self_link
    additionalUserLabels  = local.labels
  }

  # Workflows syntax; $${...} is a Workflows expression, escaped from Terraform.
  nightly_workflow = {
    main = {
      steps = [
        {
          pickDate = {
            assign = [
              { runDate = "$${text.substring(time.format(sys.now() - ${var.nightly_input_lag_days * 86400}, \"${var.nightly_time_zone}\"), 0, 10)}" },
              { jobName = "$${\"${var.name_prefix}-nightly-\" + text.replace_all(runDate, \"-\", \"\")}" },
            ]
          }
        },
        {
          launch = {
            call = "http.post"
            args = {
              url  = "https://dataflow.googleapis.com/v1b3/projects/${var.project}/locations/${var.region}/flexTemplates:launch"
              auth = { type = "OAuth2" }
              body = {
                launchParameter = {
                  jobName              = "$${jobName}"
                  containerSpecGcsPath = local.flex_template_spec_path
                  parameters = merge(local.pipeline_parameters, {
                    input  = "$${\"gs://${google_storage_bucket.inputs.name}/${var.nightly_input_prefix}/\" + runDate}"
                    output = "$${\"gs://${google_storage_bucket.outputs.name}/${var.nightly_output_prefix}/\" + runDate}"
                  })
                  environment = local.nightly_environment
                }
              }
            }
            result = "launchResult"
          }
        },
        {
          done = {
            return = "$${launchResult.body.job.id}"
          }
        },
      ]
    }
  }
}

resource "google_workflows_workflow" "nightly" {
  project         = var.project
  region          = var.region
  name            = "${var.name_prefix}-nightly-reconstruct-heads"
  description     = "Launches ReconstructHeads over the date-stamped input prefix of the night."
  service_account = google_service_account.scheduler.id
  call_log_level  = "LOG_ERRORS_ONLY"
  labels          = local.labels
  source_contents = yamlencode(local.nightly_workflow)

  lifecycle {
    precondition {
      condition     = startswith(var.worker_machine_type, local.accelerator_machine_series[var.worker_accelerator_type])
      error_message = "worker_machine_type must be of the series that carries worker_accelerator_type (T4/P4/P100/V100: n1-, L4: g2-, A100: a2-, H100: a3-)."
    }
  }

  depends_on = [
    google_project_service.apis,
    google_project_iam_member.scheduler_dataflow_developer,
    google_project_iam_member.scheduler_log_writer,
    google_service_account_iam_member.scheduler_acts_as_worker,
    google_storage_bucket_iam_member.scheduler_reads_template,
  ]
}

resource "google_cloud_scheduler_job" "nightly" {
  project          = var.project
  region           = var.region
  name             = "${var.name_prefix}-nightly-reconstruct-heads"
  description      = "Nightly ReconstructHeads run over the date-stamped input prefix."
  schedule         = var.nightly_schedule
  time_zone        = var.nightly_time_zone
  paused           = var.nightly_paused
  attempt_deadline = "180s"

  retry_config {
    retry_count          = 2
    min_backoff_duration = "60s"
  }

  http_target {
    http_method = "POST"
    uri         = "https://workflowexecutions.googleapis.com/v1/${google_workflows_workflow.nightly.id}/executions"
    headers     = { "Content-Type" = "application/json" }
    body        = base64encode(jsonencode({ callLogLevel = "LOG_ERRORS_ONLY" }))

    oauth_token {
      service_account_email = google_service_account.scheduler.email
      scope                 = "https://www.googleapis.com/auth/cloud-platform"
    }
  }

  depends_on = [google_project_iam_member.scheduler_workflows_invoker]
}
