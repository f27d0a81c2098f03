output "inputs_bucket" {
  description = "Bucket for photos, manifests and models; nightly inputs go under <nightly_input_prefix>/<YYYY-MM-DD>/."
  value       = google_storage_bucket.inputs.url
}

output "outputs_bucket" {
  description = "Versioned bucket for reconstruction results."
  value       = google_storage_bucket.outputs.url
}

output "temp_location" {
  description = "Dataflow --tempLocation."
  value       = local.temp_location
}

output "staging_location" {
  description = "Dataflow --stagingLocation."
  value       = local.staging_location
}

output "image_repository" {
  description = "Where to push the image: docker push <image_repository>:<image_tag>."
  value       = local.image_repository
}

output "image" {
  description = "The image the Flex Template spec and the workers use (Dataflow --sdkContainerImage)."
  value       = local.image
}

output "flex_template_spec" {
  description = "gs:// path of the Flex Template spec, for gcloud dataflow flex-template run --template-file-gcs-location."
  value       = local.flex_template_spec_path
}

output "worker_service_account" {
  description = "Service account of the launcher and worker VMs (Dataflow --serviceAccount)."
  value       = google_service_account.worker.email
}

output "scheduler_service_account" {
  description = "Service account that starts the nightly workflow and launches the job."
  value       = google_service_account.scheduler.email
}

output "subnetwork" {
  description = "Subnet of the workers, with Private Google Access (Dataflow --subnetwork)."
  value       = google_compute_subnetwork.dataflow.self_link
}

output "worker_accelerator" {
  description = "The worker_accelerator service option passed to every run."
  value       = local.worker_accelerator
}

output "nightly_workflow" {
  description = "The workflow that launches the nightly run; run it by hand with gcloud workflows run."
  value       = google_workflows_workflow.nightly.id
}

output "nightly_scheduler_job" {
  description = "The Cloud Scheduler job of the nightly run."
  value       = google_cloud_scheduler_job.nightly.id
}

output "manual_job_id" {
  description = "Dataflow job ID of the run launched with launch_manual_run = true, else null."
  value       = one(google_dataflow_flex_template_job.manual[*].job_id)
}
