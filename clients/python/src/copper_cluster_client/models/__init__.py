"""Contains all the data models used in inputs/outputs"""

from .api_key import ApiKey
from .api_key_role import ApiKeyRole
from .application import Application
from .application_status import ApplicationStatus
from .application_submission import ApplicationSubmission
from .application_summary import ApplicationSummary
from .approval import Approval
from .attempt import Attempt
from .body_attach_document_api_v1_membership_applications_application_id_documents_post import (
    BodyAttachDocumentApiV1MembershipApplicationsApplicationIdDocumentsPost,
)
from .body_attach_offer_document_api_v1_supply_offers_owner_id_documents_post import (
    BodyAttachOfferDocumentApiV1SupplyOffersOwnerIdDocumentsPost,
)
from .body_attach_request_document_api_v1_supply_requests_owner_id_documents_post import (
    BodyAttachRequestDocumentApiV1SupplyRequestsOwnerIdDocumentsPost,
)
from .body_attach_supplier_document_api_v1_supply_suppliers_owner_id_documents_post import (
    BodyAttachSupplierDocumentApiV1SupplySuppliersOwnerIdDocumentsPost,
)
from .category import Category
from .category_share import CategoryShare
from .code_list import CodeList
from .code_list_entry import CodeListEntry
from .code_lists import CodeLists
from .code_name import CodeName
from .contact import Contact
from .contact_language_type_0 import ContactLanguageType0
from .currency import Currency
from .dead_letter import DeadLetter
from .deep_processing import DeepProcessing
from .delivery import Delivery
from .document import Document
from .document_details import DocumentDetails
from .documents import Documents
from .export_ocds_package import ExportOcdsPackage
from .export_ocds_response_export_ocds_api_v1_supply_export_ocds_get import (
    ExportOcdsResponseExportOcdsApiV1SupplyExportOcdsGet,
)
from .feed_event import FeedEvent
from .feed_event_data import FeedEventData
from .feed_page import FeedPage
from .figure import Figure
from .fulfilment_row import FulfilmentRow
from .growth_row import GrowthRow
from .import_summary import ImportSummary
from .issued_api_key import IssuedApiKey
from .issued_api_key_role import IssuedApiKeyRole
from .item import Item
from .item_change import ItemChange
from .item_listing import ItemListing
from .item_status import ItemStatus
from .key_request import KeyRequest
from .key_request_role import KeyRequestRole
from .list_organisations_kind_type_0 import ListOrganisationsKindType0
from .list_organisations_status_type_0 import ListOrganisationsStatusType0
from .localization import Localization
from .localization_reference_2025 import LocalizationReference2025
from .lock_in import LockIn
from .member import Member
from .member_patch import MemberPatch
from .member_share import MemberShare
from .member_status import MemberStatus
from .metric import Metric
from .metric_info import MetricInfo
from .metric_info_category_units_type_0 import MetricInfoCategoryUnitsType0
from .money_input import MoneyInput
from .money_output import MoneyOutput
from .month_share import MonthShare
from .new_webhook import NewWebhook
from .offer import Offer
from .offer_in import OfferIn
from .offer_line import OfferLine
from .offer_line_in import OfferLineIn
from .offer_status import OfferStatus
from .on_time_figures import OnTimeFigures
from .on_time_reporting import OnTimeReporting
from .opted_out import OptedOut
from .optional_reason import OptionalReason
from .order import Order
from .order_line import OrderLine
from .order_status import OrderStatus
from .organisation_on_time import OrganisationOnTime
from .page_api_key import PageApiKey
from .page_application_summary import PageApplicationSummary
from .page_dead_letter import PageDeadLetter
from .page_delivery import PageDelivery
from .page_figure import PageFigure
from .page_item import PageItem
from .page_member import PageMember
from .page_offer import PageOffer
from .page_order import PageOrder
from .page_organisation import PageOrganisation
from .page_reporting_status import PageReportingStatus
from .page_supplier import PageSupplier
from .page_supply_request import PageSupplyRequest
from .page_webhook import PageWebhook
from .period_lock import PeriodLock
from .plan import Plan
from .plan_in import PlanIn
from .planned_product_input import PlannedProductInput
from .planned_product_output import PlannedProductOutput
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .product_category import ProductCategory
from .production_api_kpis_organisation import ProductionApiKpisOrganisation
from .production_api_organisations_organisation import (
    ProductionApiOrganisationsOrganisation,
)
from .production_api_organisations_organisation_kind import (
    ProductionApiOrganisationsOrganisationKind,
)
from .production_api_organisations_organisation_status import (
    ProductionApiOrganisationsOrganisationStatus,
)
from .quantity_input import QuantityInput
from .quantity_output import QuantityOutput
from .received_line import ReceivedLine
from .region import Region
from .replay import Replay
from .replayed import Replayed
from .report_in import ReportIn
from .report_return import ReportReturn
from .reporting_status import ReportingStatus
from .reporting_status_state import ReportingStatusState
from .request_line import RequestLine
from .request_line_in import RequestLineIn
from .request_status import RequestStatus
from .required_reason import RequiredReason
from .return_in import ReturnIn
from .rollup import Rollup
from .rotated_webhook import RotatedWebhook
from .sector import Sector
from .sort import Sort
from .status_reason import StatusReason
from .submitted_application import SubmittedApplication
from .supplier import Supplier
from .supplier_contact import SupplierContact
from .supplier_contact_language_type_0 import SupplierContactLanguageType0
from .supplier_registration import SupplierRegistration
from .supplier_status import SupplierStatus
from .supply_category_share import SupplyCategoryShare
from .supply_contact import SupplyContact
from .supply_contact_language_type_0 import SupplyContactLanguageType0
from .supply_delivery import SupplyDelivery
from .supply_document import SupplyDocument
from .supply_document_details import SupplyDocumentDetails
from .supply_documents import SupplyDocuments
from .supply_member import SupplyMember
from .supply_page_member import SupplyPageMember
from .supply_request import SupplyRequest
from .supply_request_in import SupplyRequestIn
from .supply_unit import SupplyUnit
from .suspension import Suspension
from .transition import Transition
from .unit import Unit
from .webhook import Webhook
from .webhook_change import WebhookChange
from .webhook_in import WebhookIn

__all__ = (
    "ApiKey",
    "ApiKeyRole",
    "Application",
    "ApplicationStatus",
    "ApplicationSubmission",
    "ApplicationSummary",
    "Approval",
    "Attempt",
    "BodyAttachDocumentApiV1MembershipApplicationsApplicationIdDocumentsPost",
    "BodyAttachOfferDocumentApiV1SupplyOffersOwnerIdDocumentsPost",
    "BodyAttachRequestDocumentApiV1SupplyRequestsOwnerIdDocumentsPost",
    "BodyAttachSupplierDocumentApiV1SupplySuppliersOwnerIdDocumentsPost",
    "Category",
    "CategoryShare",
    "CodeList",
    "CodeListEntry",
    "CodeLists",
    "CodeName",
    "Contact",
    "ContactLanguageType0",
    "Currency",
    "DeadLetter",
    "DeepProcessing",
    "Delivery",
    "Document",
    "DocumentDetails",
    "Documents",
    "ExportOcdsPackage",
    "ExportOcdsResponseExportOcdsApiV1SupplyExportOcdsGet",
    "FeedEvent",
    "FeedEventData",
    "FeedPage",
    "Figure",
    "FulfilmentRow",
    "GrowthRow",
    "ImportSummary",
    "IssuedApiKey",
    "IssuedApiKeyRole",
    "Item",
    "ItemChange",
    "ItemListing",
    "ItemStatus",
    "KeyRequest",
    "KeyRequestRole",
    "ListOrganisationsKindType0",
    "ListOrganisationsStatusType0",
    "Localization",
    "LocalizationReference2025",
    "LockIn",
    "Member",
    "MemberPatch",
    "MemberShare",
    "MemberStatus",
    "Metric",
    "MetricInfo",
    "MetricInfoCategoryUnitsType0",
    "MoneyInput",
    "MoneyOutput",
    "MonthShare",
    "NewWebhook",
    "Offer",
    "OfferIn",
    "OfferLine",
    "OfferLineIn",
    "OfferStatus",
    "OnTimeFigures",
    "OnTimeReporting",
    "OptedOut",
    "OptionalReason",
    "Order",
    "OrderLine",
    "OrderStatus",
    "OrganisationOnTime",
    "PageApiKey",
    "PageApplicationSummary",
    "PageDeadLetter",
    "PageDelivery",
    "PageFigure",
    "PageItem",
    "PageMember",
    "PageOffer",
    "PageOrder",
    "PageOrganisation",
    "PageReportingStatus",
    "PageSupplier",
    "PageSupplyRequest",
    "PageWebhook",
    "PeriodLock",
    "Plan",
    "PlanIn",
    "PlannedProductInput",
    "PlannedProductOutput",
    "Problem",
    "ProblemErrorsItem",
    "ProductCategory",
    "ProductionApiKpisOrganisation",
    "ProductionApiOrganisationsOrganisation",
    "ProductionApiOrganisationsOrganisationKind",
    "ProductionApiOrganisationsOrganisationStatus",
    "QuantityInput",
    "QuantityOutput",
    "ReceivedLine",
    "Region",
    "Replay",
    "Replayed",
    "ReportIn",
    "ReportReturn",
    "ReportingStatus",
    "ReportingStatusState",
    "RequestLine",
    "RequestLineIn",
    "RequestStatus",
    "RequiredReason",
    "ReturnIn",
    "Rollup",
    "RotatedWebhook",
    "Sector",
    "Sort",
    "StatusReason",
    "SubmittedApplication",
    "Supplier",
    "SupplierContact",
    "SupplierContactLanguageType0",
    "SupplierRegistration",
    "SupplierStatus",
    "SupplyCategoryShare",
    "SupplyContact",
    "SupplyContactLanguageType0",
    "SupplyDelivery",
    "SupplyDocument",
    "SupplyDocumentDetails",
    "SupplyDocuments",
    "SupplyMember",
    "SupplyPageMember",
    "SupplyRequest",
    "SupplyRequestIn",
    "SupplyUnit",
    "Suspension",
    "Transition",
    "Unit",
    "Webhook",
    "WebhookChange",
    "WebhookIn",
)
