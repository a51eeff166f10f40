"""Ranking workers for crew calls on arrays: the kernel (`kernel`), building its arrays from
plain rows (`build`), and the reasons a score or a refusal gives in words (`reasons`)."""
