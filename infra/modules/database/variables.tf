variable "project_id" {
  description = "Project that hosts the instance."
  type        = string
}

variable "region" {
  description = "Region of the instance; keep it with the functions."
  type        = string
}

variable "instance_name" {
  description = "Cloud SQL instance name. Names of deleted instances cannot be reused for a week."
  type        = string
  default     = "rxbridge-pg"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,96}[a-z0-9]$", var.instance_name))
    error_message = "instance_name must be lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "tier" {
  description = "Machine tier, e.g. db-custom-2-7680 (2 vCPU, 7.5 GB)."
  type        = string
  default     = "db-custom-2-7680"

  validation {
    condition     = startswith(var.tier, "db-")
    error_message = "tier must be a Cloud SQL tier such as db-custom-2-7680."
  }
}

variable "availability_type" {
  description = "REGIONAL (standby in another zone, automatic failover) or ZONAL."
  type        = string
  default     = "REGIONAL"

  validation {
    condition     = contains(["REGIONAL", "ZONAL"], var.availability_type)
    error_message = "availability_type must be REGIONAL or ZONAL."
  }
}

variable "disk_size_gb" {
  description = "Initial SSD size in GB; it grows automatically."
  type        = number
  default     = 20

  validation {
    condition     = var.disk_size_gb >= 10
    error_message = "disk_size_gb must be at least 10."
  }
}

variable "private_network" {
  description = "Self link of a VPC network with Private Services Access configured. When set the instance gets only a private IP; null gives a public IP with no authorized networks (reachable only through the Cloud SQL Auth Proxy or connectors)."
  type        = string
  default     = null

  validation {
    condition     = var.private_network == null || can(regex("projects/[^/]+/global/networks/[^/]+$", var.private_network))
    error_message = "private_network must be a network self link or id (projects/<p>/global/networks/<name>)."
  }
}

variable "backup_start_time" {
  description = "Daily backup window start, HH:MM in UTC."
  type        = string
  default     = "02:00"

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]$", var.backup_start_time))
    error_message = "backup_start_time must be HH:MM."
  }
}

variable "retained_backups" {
  description = "Number of daily backups kept."
  type        = number
  default     = 14

  validation {
    condition     = var.retained_backups >= 1 && var.retained_backups <= 365
    error_message = "retained_backups must be between 1 and 365."
  }
}

variable "transaction_log_retention_days" {
  description = "Days of WAL kept for point-in-time recovery (1-7 on the Enterprise edition)."
  type        = number
  default     = 7

  validation {
    condition     = var.transaction_log_retention_days >= 1 && var.transaction_log_retention_days <= 7
    error_message = "transaction_log_retention_days must be between 1 and 7."
  }
}

variable "database_flags" {
  description = "PostgreSQL flags, e.g. { max_connections = \"200\" }."
  type        = map(string)
  default     = {}
}

variable "database_url_accessors" {
  description = "IAM members that read the rxbridge-database-url secret (the runtime service accounts). Must be known at plan time."
  type        = list(string)
  default     = []
}

variable "labels" {
  description = "Labels on the instance and the secret."
  type        = map(string)
  default     = {}
}
