# The Flex Template spec and (optionally) one hand-launched run of ReconstructHeads on GPU
# workers. The nightly run is launched by the workflow in schedule.tf with the same
# parameters and environment.
locals {
  # Pipeline options (ReconstructHeadsOptions) shared by every run; input and output are
  # added per run. Flex Template parameters are strings. An empty model means the model
  # shipped inside the image.
  pipeline_parameters = merge(
    {
      executionProvider      = var.execution_provider
      depthSource            = var.depth_source
      inferenceBatchSize     = tostring(var.inference_batch_size)
      inferenceBatchMaxBytes = tostring(var.inference_batch_max_bytes)
      writeViewOutputs       = tostring(var.write_view_outputs)
      maxImagePixels         = tostring(var.max_image_pixels)
      maxSubjectDecodedPixels = tostring(var.max_subject_decoded_pixels)
      inputIsGlob            = tostring(var.input_is_glob)
      overwrite              = tostring(var.overwrite)
      voxelSizeMm            = tostring(var.voxel_size_mm)
      refineDepth            = tostring(var.refine_depth)
      meshVoxelMm            = tostring(var.mesh_voxel_mm)
    },
    var.model == "" ? {} : { model = var.model },
  )

  # The Dataflow service option that attaches GPUs and installs the NVIDIA driver, passed as
  # an experiment (Flex Template launches have no separate field for service options).
  worker_accelerator = "worker_accelerator=type:${var.worker_accelerator_type};count:${var.worker_accelerator_count};install-nvidia-driver"

  # GPUs and custom worker containers need Dataflow Runner v2.
  additional_experiments = ["use_runner_v2", local.worker_accelerator]

  flex_template_spec_path = "gs://${google_storage_bucket.temp.name}/${google_storage_bucket_object.flex_template_spec.name}"
}

# The Flex Template spec file (what `gcloud dataflow flex-template build` would write): the
# image, the SDK language and the parameter metadata from flex-template/metadata.json.
resource "google_storage_bucket_object" "flex_template_spec" {
  bucket       = google_storage_bucket.temp.name
  name         = "templates/reconstruct-heads-${var.image_tag}.json"
  content_type = "application/json"
  content = jsonencode({
    image    = local.image
    sdkInfo  = { language = "JAVA" }
    metadata = jsondecode(file("${path.module}/flex-template/metadata.json"))
  })
}

# One run launched by `terraform apply -var launch_manual_run=true -var input=gs://...`.
# Batch jobs end by themselves; Terraform does not wait for the end
# (skip_wait_on_job_termination) and cancels a still-running job on destroy.
resource "google_dataflow_flex_template_job" "manual" {
  provider = google-beta
  count    = var.launch_manual_run ? 1 : 0

  project                 = var.project
  region                  = var.region
  name                    = "${var.name_prefix}-reconstruct-heads-manual"
  container_spec_gcs_path = local.flex_template_spec_path

  parameters = merge(local.pipeline_parameters, {
    input  = var.input
    output = var.output != "" ? var.output : "gs://${google_storage_bucket.outputs.name}/manual"
  })

  service_account_email  = google_service_account.worker.email
  temp_location          = local.temp_location
  staging_location       = local.staging_location
  sdk_container_image    = local.image
  launcher_machine_type  = var.launcher_machine_type
  machine_type           = var.worker_machine_type
  max_workers            = var.max_num_workers
  additional_experiments = local.additional_experiments
  ip_configuration       = "WORKER_IP_PRIVATE"
  subnetwork             = google_compute_subnetwork.dataflow.self_link
  labels                 = local.labels

  on_delete                    = "cancel"
  skip_wait_on_job_termination = true

  lifecycle {
    precondition {
      condition     = var.input != ""
      error_message = "launch_manual_run = true needs input: the gs:// prefix of the subjects to reconstruct."
    }
  }

  depends_on = [
    google_project_iam_member.worker_dataflow_worker,
    google_storage_bucket_iam_member.worker_reads_inputs,
    google_storage_bucket_iam_member.worker_writes_outputs,
    google_storage_bucket_iam_member.worker_uses_temp,
    google_storage_bucket_iam_member.worker_sees_temp_bucket,
    google_artifact_registry_repository_iam_member.worker_pulls_image,
  ]
}
