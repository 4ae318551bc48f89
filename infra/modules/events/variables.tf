variable "project_id" {
  description = "Project that hosts the topics."
  type        = string
}

variable "project_number" {
  description = "Project number, used to name the Pub/Sub service agent."
  type        = string

  validation {
    condition     = can(regex("^[0-9]+$", var.project_number))
    error_message = "project_number must be digits."
  }
}

variable "topic_name" {
  description = "Change-event topic name (the outbox relay's CHANGE_EVENTS_TOPIC)."
  type        = string
  default     = "rxbridge-change-events"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9._~+%-]{2,200}$", var.topic_name)) && !startswith(lower(var.topic_name), "goog")
    error_message = "topic_name must be a valid Pub/Sub topic name (3-255 characters, starting with a letter, not with goog)."
  }
}

variable "subscription_name" {
  description = "Pull subscription the CRM and analysts read."
  type        = string
  default     = "rxbridge-change-events-crm"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9._~+%-]{2,254}$", var.subscription_name))
    error_message = "subscription_name must be a valid Pub/Sub subscription name."
  }
}

variable "max_delivery_attempts" {
  description = "Deliveries before a message is dead-lettered (5-100)."
  type        = number
  default     = 10

  validation {
    condition     = var.max_delivery_attempts >= 5 && var.max_delivery_attempts <= 100
    error_message = "max_delivery_attempts must be between 5 and 100."
  }
}

variable "topic_message_retention" {
  description = "How long the topics keep messages for replay by seek (10m-31d)."
  type        = string
  default     = "604800s"

  validation {
    condition     = can(regex("^[0-9]+s$", var.topic_message_retention)) && try(tonumber(trimsuffix(var.topic_message_retention, "s")) >= 600 && tonumber(trimsuffix(var.topic_message_retention, "s")) <= 2678400, false)
    error_message = "topic_message_retention must be between 600s and 2678400s."
  }
}

variable "publisher_members" {
  description = "IAM members allowed to publish change events (only the outbox relay). Must be known at plan time."
  type        = list(string)
  default     = []
}

variable "subscriber_members" {
  description = "IAM members allowed to pull the change-event subscription (CRM back end, analysts). Must be known at plan time."
  type        = list(string)
  default     = []
}

variable "dead_letter_subscriber_members" {
  description = "IAM members allowed to pull dead-lettered change events for inspection and replay."
  type        = list(string)
  default     = []
}

variable "labels" {
  description = "Labels on topics and subscriptions."
  type        = map(string)
  default     = {}
}
