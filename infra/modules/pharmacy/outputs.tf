output "drx_api_key_secret_id" {
  description = "Secret id holding the pharmacy's DRX API key (value added outside Terraform)."
  value       = google_secret_manager_secret.drx_api_key.secret_id
}

output "drx_webhook_secret_id" {
  description = "Secret id holding the pharmacy's DRX webhook header secret (value added outside Terraform)."
  value       = google_secret_manager_secret.drx_webhook_secret.secret_id
}

output "sync_job_name" {
  description = "Scheduler job running the incremental sync."
  value       = google_cloud_scheduler_job.sync.name
}

output "reconcile_job_name" {
  description = "Scheduler job running the full reconciliation."
  value       = google_cloud_scheduler_job.reconcile.name
}

output "sync_schedule" {
  description = "Cron schedule of the incremental sync."
  value       = local.sync_schedule
}
