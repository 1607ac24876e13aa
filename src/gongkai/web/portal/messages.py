"""Every Chinese sentence of the public column that is about a limit or a lookup."""

LOOKUP_NOT_FOUND = "受理编号或查询码不正确，请核对后重新输入。"
LOOKUP_LIMITED_CLIENT = "您的查询失败次数过多，请一小时后再试。"
LOOKUP_LIMITED_NUMBER = ("该受理编号的查询失败次数过多，在线查询已暂停一小时。"
                         "如需了解办理进度，请联系受理机关。")
APPLICATIONS_LIMITED = ("同一网络地址每天最多可在线提交{allowed}件申请，今天已达上限。"
                        "请明天再提交，或通过信函、当面等方式提出申请。")
LIMITS_UNAVAILABLE = ("系统暂时无法处理在线提交和查询，请稍后再试；"
                      "如需立即提出申请，请通过信函、当面等方式提交。")
MESSAGES_LIMITED = "同一网络地址每天最多可提交{allowed}条留言，今天已达上限，请明天再留言。"
