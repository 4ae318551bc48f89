variable "project_id" {
  description = "Project that hosts the secrets and Scheduler jobs."
  type        = string
}

variable "region" {
  description = "Cloud Scheduler region."
  type        = string
}

variable "pharmacy_id" {
  description = "Stable pharmacy id; used in secret ids, job names and the sync request body."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9_-]{0,62}$", var.pharmacy_id))
    error_message = "pharmacy_id must match ^[a-z0-9][a-z0-9_-]{0,62}$."
  }
}

variable "display_name" {
  description = "Human-readable pharmacy name, used only in job descriptions."
  type        = string

  validation {
    condition     = length(var.display_name) > 0 && length(var.display_name) <= 200
    error_message = "display_name must be 1 to 200 characters."
  }
}

variable "enabled" {
  description = "When false the Scheduler jobs are paused (secrets are kept)."
  type        = bool
  default     = true
}

variable "sync_interval_minutes" {
  description = "Minutes between incremental syncs: 1-59, or a whole number of hours up to 1440."
  type        = number
  default     = 15

  validation {
    condition = (
      floor(var.sync_interval_minutes) == var.sync_interval_minutes &&
      var.sync_interval_minutes >= 1 && var.sync_interval_minutes <= 1440 &&
      (var.sync_interval_minutes < 60 || var.sync_interval_minutes % 60 == 0)
    )
    error_message = "sync_interval_minutes must be a whole number from 1 to 59, or a multiple of 60 up to 1440, so that it can be written as a cron schedule."
  }
}

variable "reconcile_cron" {
  description = "unix-cron schedule of the full reconciliation."
  type        = string
  default     = "0 3 * * *"

  validation {
    condition     = length(split(" ", trimspace(var.reconcile_cron))) == 5
    error_message = "reconcile_cron must be a five-field unix-cron expression."
  }
}

variable "time_zone" {
  description = "tz database name the schedules are interpreted in."
  type        = string
  default     = "Etc/UTC"
}

variable "drx_sync_url" {
  description = "URL of the drx-sync function; also the OIDC audience."
  type        = string

  validation {
    condition     = startswith(var.drx_sync_url, "https://")
    error_message = "drx_sync_url must be an https URL."
  }
}

variable "scheduler_service_account_email" {
  description = "Service account whose OIDC token Scheduler attaches; it must hold run.invoker on drx-sync."
  type        = string
}

variable "sync_attempt_deadline" {
  description = "How long Scheduler waits for an incremental sync response (15s-1800s)."
  type        = string
  default     = "600s"

  validation {
    condition     = can(regex("^[0-9]+s$", var.sync_attempt_deadline)) && try(tonumber(trimsuffix(var.sync_attempt_deadline, "s")) >= 15 && tonumber(trimsuffix(var.sync_attempt_deadline, "s")) <= 1800, false)
    error_message = "sync_attempt_deadline must be between 15s and 1800s."
  }
}

variable "reconcile_attempt_deadline" {
  description = "How long Scheduler waits for a full reconciliation response (15s-1800s)."
  type        = string
  default     = "1800s"

  validation {
    condition     = can(regex("^[0-9]+s$", var.reconcile_attempt_deadline)) && try(tonumber(trimsuffix(var.reconcile_attempt_deadline, "s")) >= 15 && tonumber(trimsuffix(var.reconcile_attempt_deadline, "s")) <= 1800, false)
    error_message = "reconcile_attempt_deadline must be between 15s and 1800s."
  }
}

variable "api_key_accessors" {
  description = "IAM members that read drx-api-key-<id> (the sync functions). Must be known at plan time."
  type        = list(string)
  default     = []
}

variable "webhook_secret_accessors" {
  description = "IAM members that read drx-webhook-secret-<id> (the webhook function). Must be known at plan time."
  type        = list(string)
  default     = []
}

variable "secret_writers" {
  description = "IAM members that add versions to (and read) both secrets: the onboarding function. Must be known at plan time."
  type        = list(string)
  default     = []
}

variable "labels" {
  description = "Labels on the secrets."
  type        = map(string)
  default     = {}
}
