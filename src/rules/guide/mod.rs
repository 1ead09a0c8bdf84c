//! The rules on one guide (TB2xx): one file each, with its declaration and doc, and the list
//! of them. Helpers shared by several rules are in `rules::codes` and `rules::names`.

use crate::rules::rule::Rule;

mod application_form_without_blank;
mod basic_code_length;
mod case_type_time_limit;
mod credit_code_checksum;
mod duplicate_material;
mod fee_basis_without_fee;
mod fee_without_basis;
mod form_name_without_title_marks;
mod full_online_with_visits;
mod implementation_code_checksum;
mod implementation_code_length;
mod implementation_code_mismatch;
mod invalid_region_code;
mod legal_basis_without_title_marks;
mod negative_visits;
mod no_visit_no_channel;
mod paper_copy_of_e_licence;
mod phone_format;
mod promised_exceeds_legal;
mod region_code_mismatch;
mod region_code_not_in_table;
mod same_contact_phones;
mod unknown_situation;
mod visits_without_reason;

/// Every single-guide rule, sorted by code.
pub const RULES: &[&dyn Rule] = &[
    &promised_exceeds_legal::PromisedExceedsLegal,
    &implementation_code_length::ImplementationCodeLength,
    &implementation_code_checksum::ImplementationCodeChecksum,
    &basic_code_length::BasicCodeLength,
    &invalid_region_code::InvalidRegionCode,
    &region_code_not_in_table::RegionCodeNotInTable,
    &region_code_mismatch::RegionCodeMismatch,
    &credit_code_checksum::CreditCodeChecksum,
    &duplicate_material::DuplicateMaterial,
    &form_name_without_title_marks::FormNameWithoutTitleMarks,
    &application_form_without_blank::ApplicationFormWithoutBlank,
    &fee_basis_without_fee::FeeBasisWithoutFee,
    &negative_visits::NegativeVisits,
    &full_online_with_visits::FullOnlineWithVisits,
    &paper_copy_of_e_licence::PaperCopyOfELicence,
    &legal_basis_without_title_marks::LegalBasisWithoutTitleMarks,
    &phone_format::PhoneFormat,
    &implementation_code_mismatch::ImplementationCodeMismatch,
    &unknown_situation::UnknownSituation,
    &case_type_time_limit::CaseTypeTimeLimit,
    &visits_without_reason::VisitsWithoutReason,
    &no_visit_no_channel::NoVisitNoChannel,
    &fee_without_basis::FeeWithoutBasis,
    &same_contact_phones::SameContactPhones,
];
