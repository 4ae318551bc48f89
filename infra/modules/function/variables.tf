variable "project_id" {
  description = "Project that hosts the function."
  type        = string
}

variable "region" {
  description = "Region of the function (and of its Cloud Run service)."
  type        = string
}

variable "name" {
  description = "Function name, also the Cloud Run service name and the URL host prefix."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,47}[a-z0-9]$", var.name))
    error_message = "name must be lowercase letters, digits and hyphens, start with a letter, end with a letter or digit, at most 49 characters."
  }
}

variable "description" {
  description = "What the function does, shown in the console."
  type        = string
  default     = null
}

variable "entry_point" {
  description = "Functions Framework target, the name the handler is registered under (functions.http(\"<entry_point>\", …))."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z_$][A-Za-z0-9_$]*$", var.entry_point))
    error_message = "entry_point must be a JavaScript identifier."
  }
}

variable "runtime" {
  description = "Cloud Functions runtime id."
  type        = string
  default     = "nodejs20"

  validation {
    condition     = can(regex("^nodejs[0-9]+$", var.runtime))
    error_message = "runtime must be a Node.js runtime such as nodejs20."
  }
}

variable "source_bucket" {
  description = "Cloud Storage bucket holding the zipped repository root."
  type        = string

  validation {
    condition     = length(var.source_bucket) >= 3 && !startswith(var.source_bucket, "gs://")
    error_message = "source_bucket is a bucket name without the gs:// prefix."
  }
}

variable "source_object" {
  description = "Object (zip) inside source_bucket. A new name triggers a rebuild and redeploy."
  type        = string

  validation {
    condition     = endswith(var.source_object, ".zip")
    error_message = "source_object must be a .zip object."
  }
}

variable "function_source" {
  description = "Compiled module the Functions Framework loads at run time (FUNCTION_SOURCE), relative to the source root, e.g. dist/functions/drx-sync/index.js. Null loads package.json \"main\", which must exist either way because the buildpack checks it."
  type        = string
  default     = null

  validation {
    condition     = var.function_source == null || can(regex("\\.js$", var.function_source))
    error_message = "function_source must point at a compiled .js file."
  }
}

variable "build_environment_variables" {
  description = "Extra build-time environment variables for the buildpack."
  type        = map(string)
  default     = {}
}

variable "build_service_account" {
  description = "Full resource name (projects/<p>/serviceAccounts/<email>) of the service account Cloud Build uses to build the function. Null uses the platform default."
  type        = string
  default     = null

  validation {
    condition     = var.build_service_account == null || can(regex("^projects/[^/]+/serviceAccounts/[^/]+@[^/]+$", var.build_service_account))
    error_message = "build_service_account must look like projects/<project>/serviceAccounts/<email>."
  }
}

variable "service_account_email" {
  description = "Runtime service account; the function acts with exactly this account's permissions."
  type        = string

  validation {
    condition     = can(regex("^[^@]+@[^@]+\\.iam\\.gserviceaccount\\.com$", var.service_account_email))
    error_message = "service_account_email must be a service account email."
  }
}

variable "environment_variables" {
  description = "Plain runtime environment variables. Never put secret values here: they would land in state and in the console."
  type        = map(string)
  default     = {}
}

variable "secret_environment_variables" {
  description = "Runtime environment variables resolved from Secret Manager, keyed by variable name. The runtime service account needs secretAccessor on each secret."
  type = map(object({
    secret  = string
    version = optional(string, "latest")
  }))
  default = {}

  validation {
    condition     = alltrue([for k, v in var.secret_environment_variables : can(regex("^[A-Z][A-Z0-9_]*$", k)) && can(regex("^(latest|[0-9]+)$", v.version))])
    error_message = "Keys must be UPPER_SNAKE_CASE and version must be \"latest\" or a version number."
  }
}

variable "invoker_members" {
  description = "IAM members granted roles/run.invoker (e.g. serviceAccount:x@p.iam.gserviceaccount.com, user:a@b.c, allUsers). Values must be known at plan time."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for m in var.invoker_members : can(regex("^(allUsers|allAuthenticatedUsers|(user|serviceAccount|group|domain|principal|principalSet):.+)$", m))])
    error_message = "Each invoker member must be an IAM member string such as user:…, serviceAccount:…, group:…, domain:… or allUsers."
  }
}

variable "timeout_seconds" {
  description = "Request timeout. HTTP functions allow up to 3600 seconds."
  type        = number
  default     = 60

  validation {
    condition     = var.timeout_seconds >= 1 && var.timeout_seconds <= 3600 && floor(var.timeout_seconds) == var.timeout_seconds
    error_message = "timeout_seconds must be a whole number between 1 and 3600."
  }
}

variable "available_memory" {
  description = "Memory per instance, e.g. 256M, 512M, 1Gi."
  type        = string
  default     = "256M"

  validation {
    condition     = can(regex("^[0-9]+(k|M|G|Mi|Gi)$", var.available_memory))
    error_message = "available_memory must be a number with a unit: k, M, G, Mi or Gi."
  }
}

variable "available_cpu" {
  description = "vCPUs per instance (e.g. \"1\"). Null lets the platform derive it from memory. Concurrency above 1 needs at least 1 vCPU."
  type        = string
  default     = null
}

variable "max_instance_count" {
  description = "Upper bound on instances; with concurrency 1 this is also the bound on concurrent requests and on database pools."
  type        = number
  default     = 10

  validation {
    condition     = var.max_instance_count >= 1 && var.max_instance_count <= 1000
    error_message = "max_instance_count must be between 1 and 1000."
  }
}

variable "min_instance_count" {
  description = "Instances kept warm (billed while idle)."
  type        = number
  default     = 0

  validation {
    condition     = var.min_instance_count >= 0
    error_message = "min_instance_count must not be negative."
  }
}

variable "max_instance_request_concurrency" {
  description = "Concurrent requests per instance. The design assumes 1 (one request at a time per instance)."
  type        = number
  default     = 1

  validation {
    condition     = var.max_instance_request_concurrency >= 1 && var.max_instance_request_concurrency <= 1000
    error_message = "max_instance_request_concurrency must be between 1 and 1000."
  }
}

variable "ingress_settings" {
  description = "Which networks may reach the function."
  type        = string
  default     = "ALLOW_ALL"

  validation {
    condition     = contains(["ALLOW_ALL", "ALLOW_INTERNAL_ONLY", "ALLOW_INTERNAL_AND_GCLB"], var.ingress_settings)
    error_message = "ingress_settings must be ALLOW_ALL, ALLOW_INTERNAL_ONLY or ALLOW_INTERNAL_AND_GCLB."
  }
}

variable "vpc_connector" {
  description = "Serverless VPC Access connector id (projects/<p>/locations/<r>/connectors/<name>) used to reach a private-IP database. Null for none."
  type        = string
  default     = null
}

variable "vpc_connector_egress_settings" {
  description = "Egress through the connector. PRIVATE_RANGES_ONLY sends only RFC 1918 traffic (the database) through it; DRX and other APIs go out directly."
  type        = string
  default     = "PRIVATE_RANGES_ONLY"

  validation {
    condition     = contains(["PRIVATE_RANGES_ONLY", "ALL_TRAFFIC"], var.vpc_connector_egress_settings)
    error_message = "vpc_connector_egress_settings must be PRIVATE_RANGES_ONLY or ALL_TRAFFIC."
  }
}

variable "labels" {
  description = "Labels on the function."
  type        = map(string)
  default     = {}
}
