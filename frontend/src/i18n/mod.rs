//! Every string of the interface, in French and English. A missing translation is a
//! compile error: each language is one value of the same struct.

mod en;
mod fr;

use constellation_shared::Language;

pub struct Strings {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_login: &'static str,
    pub nav_register: &'static str,
    pub nav_profile: &'static str,
    pub nav_logout: &'static str,
    pub language: &'static str,
    pub loading: &'static str,
    pub not_found: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub home_welcome: &'static str,
    pub home_cta_register: &'static str,
    pub home_cta_profile: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub password_hint: &'static str,
    pub display_name: &'static str,
    pub register_title: &'static str,
    pub register_submit: &'static str,
    pub register_done: &'static str,
    pub have_account: &'static str,
    pub login_title: &'static str,
    pub login_submit: &'static str,
    pub no_account: &'static str,
    pub profile_title: &'static str,
    pub profile_section: &'static str,
    pub membership: &'static str,
    pub board_member: &'static str,
    pub admin: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub password_section: &'static str,
    pub current_password: &'static str,
    pub new_password: &'static str,
    pub change_password_submit: &'static str,
    pub password_changed: &'static str,
    pub data_section: &'static str,
    pub data_intro: &'static str,
    pub download_data: &'static str,
    pub download_done: &'static str,
    pub delete_section: &'static str,
    pub delete_intro: &'static str,
    pub delete_submit: &'static str,
    pub sign_in_required: &'static str,
    pub working: &'static str,
}

pub fn strings(lang: Language) -> &'static Strings {
    match lang {
        Language::Fr => &fr::FR,
        Language::En => &en::EN,
    }
}
