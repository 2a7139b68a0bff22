//! What an encrypted vote keeps and works out in the browser rather than trusting the
//! server: the trustee's key (per motion, trustee number and signed-in person) and the
//! voter's trackers in `localStorage`, the files to save, and the motion's election
//! parameters read and checked here.

use constellation_shared::dto::assemblies::{Motion, MotionKind};
use constellation_shared::voting::{BasicTrustee, ElectionParams, Question, TrusteeSecret};

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Where a trustee's secret for a motion is kept (`TrusteeSecret::export`): by motion, trustee
/// number and person. The index keeps two trustees sharing a browser apart; the person's id
/// keeps a stand-in named to the same index (the board can replace a trustee) from finding,
/// and reusing, the key of the trustee they replace, which that person would still hold.
fn trustee_key(motion_id: &str, index: u32, user_id: &str) -> String {
    format!("constellation.trustee.{motion_id}.{index}.{user_id}")
}

/// Where its public part is kept until posted, so that a failed post sends the same key
/// again rather than a new one (which would make the saved file useless). Keyed as
/// `trustee_key`.
fn trustee_public_key(motion_id: &str, index: u32, user_id: &str) -> String {
    format!("constellation.trustee-public.{motion_id}.{index}.{user_id}")
}

fn tracker_prefix(motion_id: &str) -> String {
    format!("constellation.tracker.{motion_id}.")
}

/// Where the tracker of the ballot cast for `member_id` is kept.
pub fn tracker_key(motion_id: &str, member_id: &str) -> String {
    format!("{}{member_id}", tracker_prefix(motion_id))
}

pub fn load(key: &str) -> Option<String> {
    storage()?
        .get_item(key)
        .ok()
        .flatten()
        .filter(|v| !v.is_empty())
}

pub fn store(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// The trustee's secret kept here for the signed-in `user_id`, as the text of its file;
/// `None` when the viewer is not known (nothing is read then: the key file still serves).
pub fn stored_secret(motion_id: &str, index: u32, user_id: Option<&str>) -> Option<String> {
    load(&trustee_key(motion_id, index, user_id?)).filter(|s| TrusteeSecret::import(s).is_some())
}

/// The key pair kept here for `user_id`, when both halves are readable and belong together.
pub fn stored_pair(
    motion_id: &str,
    index: u32,
    user_id: Option<&str>,
) -> Option<(String, BasicTrustee)> {
    let user_id = user_id?;
    let secret = stored_secret(motion_id, index, Some(user_id))?;
    let public: BasicTrustee =
        serde_json::from_str(&load(&trustee_public_key(motion_id, index, user_id))?).ok()?;
    let parsed = TrusteeSecret::import(&secret)?;
    (public.index == index && parsed.index() == index && public.public_key == parsed.public_key())
        .then_some((secret, public))
}

/// Keeps a new key pair for `user_id`; `false` when the browser refuses to store it, or when
/// the viewer is not known (then nothing is stored: the key lives in the view and its file).
pub fn store_pair(
    motion_id: &str,
    user_id: Option<&str>,
    secret: &TrusteeSecret,
    public: &BasicTrustee,
) -> bool {
    let Some(user_id) = user_id else {
        return false;
    };
    let Ok(json) = serde_json::to_string(public) else {
        return false;
    };
    let index = secret.index();
    store(&trustee_key(motion_id, index, user_id), &secret.export())
        && store(&trustee_public_key(motion_id, index, user_id), &json)
}

/// Erases `user_id`'s trustee key from this browser (once its share is decrypted).
pub fn forget_secret(motion_id: &str, index: u32, user_id: Option<&str>) {
    let (Some(s), Some(user_id)) = (storage(), user_id) else {
        return;
    };
    let _ = s.remove_item(&trustee_key(motion_id, index, user_id));
    let _ = s.remove_item(&trustee_public_key(motion_id, index, user_id));
}

/// The trackers of the ballots cast from this browser on the motion.
pub fn stored_trackers(motion_id: &str) -> Vec<String> {
    let Some(s) = storage() else {
        return Vec::new();
    };
    let prefix = tracker_prefix(motion_id);
    let len = s.length().unwrap_or(0);
    (0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(&prefix))
        .filter_map(|k| load(&k))
        .collect()
}

/// A `data:` address holding `text`, for a link that saves it as a file.
pub fn text_data_url(text: &str) -> String {
    format!(
        "data:text/plain;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(text))
    )
}

/// Saves `text` as the file `filename` through a Blob address; `false` if the browser
/// refused.
pub fn save_file(filename: &str, mime: &str, text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let anchor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(a) = &anchor {
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
    anchor.is_some()
}

/// The election parameters as this browser sees them.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamsCheck {
    /// Not published yet (the trustees' keys are not all in).
    Missing,
    /// Unreadable, not for this motion, not the expected question, or failing the trustees'
    /// proofs.
    Invalid,
    /// Sound, but the announced fingerprint is not theirs.
    Mismatch { computed: String },
    Valid {
        params: Box<ElectionParams>,
        fingerprint: String,
    },
}

impl ParamsCheck {
    pub fn params(&self) -> Option<&ElectionParams> {
        match self {
            Self::Valid { params, .. } => Some(params),
            _ => None,
        }
    }
}

/// The question this browser expects of the motion: yes/no/abstain for a motion; for an
/// election, approval over the accepted candidates' ids in ballot order, at most the seats
/// (or the candidates, if fewer). `None` when a candidate on the ballot cannot be named.
pub fn expected_question(motion: &Motion) -> Option<Question> {
    if motion.kind != MotionKind::Election {
        return Some(Question::yes_no_abstain());
    }
    let ids = motion
        .candidates
        .iter()
        .filter(|c| c.accepted)
        .map(|c| c.person.as_ref().map(|p| p.id.to_string()))
        .collect::<Option<Vec<_>>>()?;
    let seats = u32::try_from(motion.seats.unwrap_or(1).max(1)).ok()?;
    Some(Question::election(ids, seats))
}

/// Reads the motion's parameters and checks them: the motion's own id, the expected question
/// (`expected_question`), every trustee proof and the key, and the announced fingerprint.
pub fn check_params(motion: &Motion) -> ParamsCheck {
    let Some(election) = motion.election.as_ref() else {
        return ParamsCheck::Missing;
    };
    let Some(raw) = election.params.as_deref() else {
        return ParamsCheck::Missing;
    };
    let Ok(params) = serde_json::from_str::<ElectionParams>(raw) else {
        return ParamsCheck::Invalid;
    };
    if params.election_id != motion.id
        || Some(&params.question) != expected_question(motion).as_ref()
        || params.verify().is_err()
    {
        return ParamsCheck::Invalid;
    }
    let Ok(computed) = params.fingerprint_hex() else {
        return ParamsCheck::Invalid;
    };
    if election
        .fingerprint
        .as_deref()
        .is_some_and(|f| !f.eq_ignore_ascii_case(&computed))
    {
        return ParamsCheck::Mismatch { computed };
    }
    ParamsCheck::Valid {
        params: Box::new(params),
        fingerprint: computed,
    }
}

/// The selection flags of a choice, in the question's order (yes, no, abstain).
pub fn selection(choice: constellation_shared::dto::assemblies::Choice) -> [bool; 3] {
    use constellation_shared::dto::assemblies::Choice;
    [
        choice == Choice::Yes,
        choice == Choice::No,
        choice == Choice::Abstain,
    ]
}
