#[test]
fn prof() {
    let c = errlens::catalogue::Catalogue::builtin();
    let o = errlens::diagnose::DiagnoseOptions { now_unix_s: None, integration: None };
    let t = std::fs::read_to_string(std::env::var("PF").unwrap_or("/tmp/h/log1mb.txt".into())).unwrap();
    let n: usize = std::env::var("N").ok().and_then(|v| v.parse().ok()).unwrap_or(60);
    let _ = errlens::diagnose::diagnose(&t, &c, &o);
    let s = std::time::Instant::now();
    for _ in 0..n {
        let _ = errlens::diagnose::diagnose(&t, &c, &o);
    }
    eprintln!("mean {:?}", s.elapsed() / n as u32);
}
